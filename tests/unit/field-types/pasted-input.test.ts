import { describe, expect, it } from "vitest";
import { isValidIdNumber } from "@/field-types/id_number/gb11643";
import { tidyIdNumberInput } from "@/field-types/id_number/tidyIdNumberInput";
import { isValidPhone } from "@/field-types/phone/phonePatterns";
import { tidyPhoneInput } from "@/field-types/phone/tidyPhoneInput";

// issue #9: a pasted ID number with spaces was cut at 18 characters (the spaces counted)
describe("pasted ID numbers are tidied before the 18-character limit", () => {
  it.each([
    ["110105 19491231 002X", "11010519491231002X"],
    ["110105-1949-1231-002x", "11010519491231002X"],
    ["１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"],
    ["  110105\u300019491231\t002X  ", "11010519491231002X"],
    ["110105 194912 31002X 9999", "11010519491231002X"],
  ])("%j → %s", (pasted, kept) => {
    expect(tidyIdNumberInput(pasted)).toBe(kept);
    expect(isValidIdNumber(tidyIdNumberInput(pasted))).toBe(true);
  });

  it("typing keeps partial input as typed, x upper-cased", () => {
    expect(tidyIdNumberInput("11010")).toBe("11010");
    expect(tidyIdNumberInput("x")).toBe("X");
    expect(tidyIdNumberInput("")).toBe("");
  });
});

describe("pasted phone numbers are tidied before the 13-character limit", () => {
  it.each([
    ["138 1234 5678", "13812345678"],
    ["138-1234-5678", "13812345678"],
    ["+86 138 1234 5678", "13812345678"],
    ["0086 13812345678", "13812345678"],
    ["１３８　１２３４　５６７８", "13812345678"],
    ["0743 - 8221234", "0743-8221234"],
    ["０７４３－８２２１２３４", "0743-8221234"],
  ])("%j → %s", (pasted, kept) => {
    expect(tidyPhoneInput(pasted)).toBe(kept);
    expect(isValidPhone(tidyPhoneInput(pasted))).toBe(true);
  });

  it("keeps at most 13 characters", () => {
    expect(tidyPhoneInput("0743-82212345678")).toHaveLength(13);
  });
});

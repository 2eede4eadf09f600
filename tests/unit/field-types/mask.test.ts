import { describe, expect, it } from "vitest";
import { maskGeneric, maskIdNumber, maskMiddle, maskPhone } from "@/field-types/mask";

describe("masks", () => {
  it("ID numbers keep the first 3 and the check character, so ≥ 10,000 numbers fit what is shown", () => {
    expect(maskIdNumber("433101199001010045")).toBe("433**************5");
    expect(maskIdNumber("11010519491231002X")).toBe("110**************X");
  });

  it("mobile phones keep 3 + 4, landlines keep the area code and last 2 (≥ 10,000 numbers fit either)", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("0743-8221234")).toBe("0743-*****34");
    expect(maskPhone("07438221234")).toBe("0743*****34");
    expect(maskPhone("010-12345678")).toBe("010-******78");
  });

  it("names keep the first and last character", () => {
    expect(maskGeneric("吴秀兰")).toBe("吴*兰");
    expect(maskGeneric("欧阳秀英")).toBe("欧**英");
    expect(maskGeneric("张三")).toBe("张*");
    expect(maskGeneric("李")).toBe("*");
    expect(maskGeneric("")).toBe("");
  });

  it("never reveals more than it keeps, even for short values", () => {
    expect(maskIdNumber("12345")).toBe("123*5");
    expect(maskIdNumber("1234")).toBe("1**4");
    expect(maskMiddle("abcdef", 3, 4)).toBe("a****f");
  });

  it("leaves already-masked values alone", () => {
    expect(maskIdNumber("433**************5")).toBe("433**************5");
    expect(maskPhone("138****5678")).toBe("138****5678");
    expect(maskGeneric("吴*兰")).toBe("吴*兰");
  });
});

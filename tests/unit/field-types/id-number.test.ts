import { describe, expect, it } from "vitest";
import {
  convertLegacyIdNumber,
  idNumberAge,
  idNumberBirthDate,
  idNumberCheckChar,
  idNumberProblem,
  idNumberSex,
  isValidIdNumber,
  normalizeIdNumber,
} from "@/field-types/id_number/gb11643";

describe("GB 11643 check character", () => {
  it.each([
    ["11010519491231002", "X"],
    ["37010119010203997", "3"],
    ["43310119450315002", "0"],
  ])("%s → %s", (first17, check) => {
    expect(idNumberCheckChar(first17)).toBe(check);
  });

  it("every single-digit change of a valid number is caught", () => {
    const valid = "370101190102039973";
    for (let i = 0; i < 18; i += 1) {
      for (const digit of "0123456789") {
        if (digit === valid[i]) continue;
        const changed = valid.slice(0, i) + digit + valid.slice(i + 1);
        expect({ changed, valid: isValidIdNumber(changed) }).toEqual({ changed, valid: false });
      }
    }
  });
});

describe("isValidIdNumber / idNumberProblem", () => {
  it.each([
    ["11010519491231002X", null],
    ["370101190102039973", null],
    ["11010519491231002x", null],
    ["999999198001010011", null],
    ["11010519491231003X", "check_digit"],
    ["110105194902300020", "birth_date"],
    ["433101190002290027", "birth_date"],
    ["110105179901010018", "birth_date"],
    ["110105491231002", "format"],
    ["1101051949123100", "format"],
    ["11010519491231002Y", "format"],
    ["", "format"],
  ])("%s → %s", (id, problem) => {
    expect(idNumberProblem(id)).toBe(problem);
  });

  it('rejects a birth date after "today" only when today is given', () => {
    expect(idNumberProblem("110105299901010022")).toBeNull();
    expect(idNumberProblem("110105299901010022", "2025-06-01")).toBe("birth_date");
    expect(idNumberProblem("433101200002290023", "2000-02-29")).toBeNull();
  });
});

describe("15 → 18 digits", () => {
  it("inserts 19 and computes the check character", () => {
    expect(convertLegacyIdNumber("110105491231002")).toBe("11010519491231002X");
    expect(convertLegacyIdNumber("370101010203997")).toBe("370101190102039973");
  });
  it("refuses what is not a legacy number", () => {
    expect(convertLegacyIdNumber("11010549123100")).toBeNull();
    expect(convertLegacyIdNumber("110105490230002")).toBeNull();
    expect(convertLegacyIdNumber("11010519491231002X")).toBeNull();
  });
  it("normalizeIdNumber trims, upper-cases and upgrades", () => {
    expect(normalizeIdNumber(" 11010519491231002x ")).toBe("11010519491231002X");
    expect(normalizeIdNumber("110105491231002")).toBe("11010519491231002X");
    expect(normalizeIdNumber("abc")).toBe("ABC");
  });
});

describe("derived birth date, sex, age", () => {
  it("reads birth date and sex (odd = male)", () => {
    expect(idNumberBirthDate("11010519491231002X")).toBe("1949-12-31");
    expect(idNumberSex("11010519491231002X")).toBe("female");
    expect(idNumberSex("370101190102039973")).toBe("male");
    expect(idNumberBirthDate("110105491231002")).toBe("1949-12-31");
    expect(idNumberSex("11010519491231003X")).toBeNull();
  });

  it("counts completed years; the birthday itself completes a year", () => {
    expect(idNumberAge("11010519491231002X", "2029-12-30")).toBe(79);
    expect(idNumberAge("11010519491231002X", "2029-12-31")).toBe(80);
    expect(idNumberAge("433101200002290023", "2001-02-28")).toBe(0);
    expect(idNumberAge("433101200002290023", "2001-03-01")).toBe(1);
    expect(idNumberAge("11010519491231002X", "1940-01-01")).toBeNull();
    expect(idNumberAge("bad", "2025-01-01")).toBeNull();
  });
});

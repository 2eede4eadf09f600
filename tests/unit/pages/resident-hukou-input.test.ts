// The registry form's and the import's check of 户籍地区划代码, the same shape the database's
// hukou_region_invalid refuses: empty, a 6-digit GB/T 2260 county code or a 12-digit township and
// village code (the current code list is not asked: retired codes stay on people's records).
import { describe, expect, it } from "vitest";
import { hukouRegionValid } from "@/pages/residents/residentInput";

describe("hukouRegionValid", () => {
  it("takes nothing, a county code or a community's 12 digits", () => {
    for (const code of ["", "  ", "433101", "433130", "433100", "433101009001", " 433101 "]) expect(hukouRegionValid(code)).toBe(true);
  });

  it("refuses other lengths, a leading 0 and anything but digits", () => {
    for (const code of ["43310", "4331010", "433101009", "433101009001001", "033101", "43310X", "吉首市"]) expect(hukouRegionValid(code)).toBe(false);
  });
});

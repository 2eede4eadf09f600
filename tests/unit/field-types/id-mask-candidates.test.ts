// The ID-number mask leaves at least 10,000 candidates given what else is shown (issue #7, item 11).
// countIdCandidates is the measure scripts/measure-id-mask.ts applies to the demo data.
import { describe, expect, it } from "vitest";
import { countIdCandidates, MINIMUM_CANDIDATES } from "../../../scripts/measure-id-mask";
import { maskIdNumber, maskMiddle } from "@/field-types/mask";

// 吉首市, born 1945-03-15, a woman (digit 17 even); on 2026-11-30 she is 81.
const raw = "433101194503150020";
const aged81 = { regions: ["433101"], birthFrom: "1944-12-01", birthTo: "1945-11-30", male: false };

describe("ID-number candidates", () => {
  it("count exactly one for a fully shown number that fits, none for one that does not", () => {
    expect(countIdCandidates(raw, aged81)).toBe(1);
    expect(countIdCandidates("433101194503150021", aged81)).toBe(0); // wrong check character
    expect(countIdCandidates(raw, { ...aged81, male: true })).toBe(0);
  });

  it("with the age in clear, the old mask (first 6 + last 4) left only a few dozen", () => {
    const count = countIdCandidates(maskMiddle(raw, 6, 4), aged81);
    expect(count).toBeGreaterThan(20);
    expect(count).toBeLessThan(50);
  });

  it("with the age and the sex known, the mask leaves at least 10,000", () => {
    expect(maskIdNumber(raw)).toBe("433**************0");
    const count = countIdCandidates(maskIdNumber(raw), aged81);
    expect(count).toBeGreaterThanOrEqual(MINIMUM_CANDIDATES);
    // ≈ 365 birth days × 500 sequence numbers ÷ 11 check characters
    expect(count).toBeGreaterThan(16_000);
    expect(count).toBeLessThan(17_200);
  });

  it("showing one more digit (first 3 + last 2) would fall below 10,000", () => {
    expect(countIdCandidates(maskMiddle(raw, 3, 2), aged81)).toBeLessThan(MINIMUM_CANDIDATES);
  });
});

// The registry pages' own logic: what the search box was given (exact → logged RPC, initials,
// masked fragment, name), the browser's copy of the database's input rules, current tags
// (stored periods, age kinds) and where each value came from.
import { describe, expect, it } from "vitest";
import type { ResidentEventRow, ResidentTagKindRow } from "@/data/residents";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { classifyResidentSearch } from "@/pages/residents/classifyResidentSearch";
import { addressProblem, beijingToday, checkIdNumber, checkPhone, nameProblem } from "@/pages/residents/residentInput";
import { currentTagKeys, isCurrentTag } from "@/pages/residents/residentTags";
import { valueSources } from "@/pages/residents/valueSources";

const first17 = "43310119440312001";
const idNumber = first17 + idNumberCheckChar(first17);

describe("classifyResidentSearch", () => {
  it("treats a full ID number (any spelling) or phone as an exact search", () => {
    expect(classifyResidentSearch(` ${idNumber.slice(0, 6)} ${idNumber.slice(6)} `)).toEqual({ kind: "exact", value: idNumber });
    expect(classifyResidentSearch("433101440312001")).toEqual({ kind: "exact", value: expect.stringMatching(/^43310119440312001.$/) });
    expect(classifyResidentSearch("+86 139 0743 0101")).toEqual({ kind: "exact", value: "13907430101" });
    expect(classifyResidentSearch("0743-8221234")).toEqual({ kind: "exact", value: "0743-8221234" });
  });

  it("reads letters as pinyin initials, digits and * as a masked fragment, anything else as a name", () => {
    expect(classifyResidentSearch("ZDF")).toEqual({ kind: "initials", text: "zdf" });
    expect(classifyResidentSearch("5678")).toEqual({ kind: "masked", text: "5678" });
    expect(classifyResidentSearch("138****5678")).toEqual({ kind: "masked", text: "138****5678" });
    expect(classifyResidentSearch("德福")).toEqual({ kind: "name", text: "德福" });
    expect(classifyResidentSearch("  ")).toEqual({ kind: "none" });
  });
});

describe("the database's input rules, in the browser", () => {
  it("normalises and checks ID numbers as the registry does", () => {
    expect(checkIdNumber(idNumber.toLowerCase(), "2026-11-30")).toEqual({ value: idNumber });
    expect(checkIdNumber("", "2026-11-30")).toEqual({ problem: "idRequired" });
    expect(checkIdNumber("12345", "2026-11-30")).toEqual({ problem: "idFormat" });
    const wrong = first17 + (idNumberCheckChar(first17) === "1" ? "2" : "1");
    expect(checkIdNumber(wrong, "2026-11-30")).toEqual({ problem: "idCheck" });
    const future = "43310120300101001";
    expect(checkIdNumber(future + idNumberCheckChar(future), "2026-11-30")).toEqual({ problem: "idBirthDate" });
  });

  it("accepts mobiles, landlines and + numbers; an empty phone removes it", () => {
    expect(checkPhone("+86 138-1234-5678")).toEqual({ value: "13812345678" });
    expect(checkPhone("0743-8221234")).toEqual({ value: "0743-8221234" });
    expect(checkPhone("")).toEqual({ value: null });
    expect(checkPhone("12345")).toEqual({ problem: "phoneInvalid" });
  });

  it("requires a name of at most 60 characters and an address of at most 200", () => {
    expect(nameProblem("  ")).toBe("nameRequired");
    expect(nameProblem("张".repeat(61))).toBe("nameTooLong");
    expect(nameProblem(" 张 德福 ")).toBeNull();
    expect(addressProblem("路".repeat(201))).toBe("addressTooLong");
  });

  it("dates in China time", () => {
    expect(beijingToday(new Date("2026-11-30T17:00:00Z"))).toBe("2026-12-01");
  });
});

describe("tags and sources", () => {
  const kinds: ResidentTagKindRow[] = [
    { key: "age_60_plus", label_zh: "60岁以上", label_en: "60+", min_age: 60, sensitive: false, sort_order: 10 },
    { key: "age_80_plus", label_zh: "80岁以上", label_en: "80+", min_age: 80, sensitive: false, sort_order: 20 },
    { key: "veteran", label_zh: "退役军人", label_en: "Veteran", min_age: null, sensitive: true, sort_order: 30 },
    { key: "dibao", label_zh: "低保", label_en: "Dibao", min_age: null, sensitive: true, sort_order: 50 },
  ];

  it("holds a stored tag within its period (inclusive) and the age kinds reached this year", () => {
    expect(isCurrentTag({ valid_from: "2026-11-30", valid_to: null }, "2026-11-30")).toBe(true);
    expect(isCurrentTag({ valid_from: "2020-01-01", valid_to: "2026-11-29" }, "2026-11-30")).toBe(false);
    const tags = [
      { tag_key: "dibao", valid_from: "2020-01-01", valid_to: "2025-12-31" },
      { tag_key: "veteran", valid_from: "1982-10-01", valid_to: null },
    ];
    expect(currentTagKeys({ birth_year: 1958, tags }, kinds, "2026-11-30")).toEqual(["age_60_plus", "veteran"]);
    expect(currentTagKeys({ birth_year: 1940, tags: [] }, kinds, "2026-11-30")).toEqual(["age_60_plus", "age_80_plus"]);
  });

  it("names the newest change of each value as its source", () => {
    const event = (id: number, kind: string, diff: Record<string, [unknown, unknown]>, source = "manual"): ResidentEventRow => ({
      id,
      kind,
      diff,
      source,
      source_ref: null,
      actor: null,
      created_at: `2026-11-${10 + id}T08:00:00Z`,
      tag_id: null,
    });
    const sources = valueSources([
      event(1, "created", { name: [null, "向德福"], phone: [null, "139****0101"] }, "import"),
      event(2, "updated", { phone: ["139****0101", "138****5678"] }),
      event(3, "tag_added", { tag_key: [null, "veteran"] }),
    ]);
    expect(sources.get("name")?.id).toBe(1);
    expect(sources.get("phone")?.id).toBe(2);
    expect(sources.has("tag_key")).toBe(false);
  });
});

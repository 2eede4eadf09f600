// What a picked resident fills in a record form, and what a correction writes back: the mapping
// is the definition's prefillFrom; masks are filled as read (the database puts the raw values in
// the record); a code the field cannot offer is not filled; only ticked, changed, writable
// attributes are written back (never the ID number).
import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition, type FieldDefinition } from "@/services/schema";
import type { ResidentRow } from "@/data/residents";
import { hukouLocal, residentPrefillValues, residentWriteBack, reusedAnswers } from "@/views/form/residentPrefill";
import elderly from "../../../resources/services/elderly_benefit.json";

const fields = (() => {
  const parsed = parseServiceDefinition(elderly, fieldTypes);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition.fields;
})();

const person: ResidentRow = {
  id: "5f0c1e2a-7b3d-4c8e-9a1f-2d3e4f5a6b7c",
  name: "向德福",
  name_initials: "xdf",
  id_number: "433**************1",
  phone: "139****0101",
  sex: "1",
  birth_year: 1944,
  ethnicity: "15",
  political_status: "01",
  marital_status: "20",
  address: "吉首市吉凤街道牯牛坪社区 2组 6号",
  hukou_region: "433101009001",
  hukou_address: "湖南省吉首市吉凤街道牯牛坪社区 2组 6号",
  grid_org_unit_id: "grid-1",
  row_version: 3,
  is_synthetic: true,
  created_at: "2026-11-30T00:00:00Z",
  created_by: null,
  updated_at: "2026-11-30T00:00:00Z",
  updated_by: null,
};

describe("residentPrefillValues", () => {
  it("fills the elderly_benefit applicant fields from the person, masks as read", () => {
    expect(residentPrefillValues(fields, person, "433101009001001")).toEqual({
      applicant_name: "向德福",
      applicant_id_number: "433**************1",
      applicant_phone: "139****0101",
      address: "吉首市吉凤街道牯牛坪社区 2组 6号",
      grid: "grid-1",
      hukou_local: true,
    });
  });

  it("本地户籍 is the county of the unit the person lives in; unknown is not filled", () => {
    // a grid of 吉首市 (433101): 户籍 in 吉首市 (county code or a community's 12 digits) is local, 龙山县 (433130) is not
    expect(hukouLocal("433101", "433101009001001")).toBe(true);
    expect(hukouLocal("433101009002", "433101009001001")).toBe(true);
    expect(hukouLocal("433130", "433101009001001")).toBe(false);
    // known only to the prefecture (433100) or the province (430000), or nothing known: not told
    expect(hukouLocal("433100", "433101009001001")).toBeNull();
    expect(hukouLocal("430000", "433101009001001")).toBeNull();
    expect(hukouLocal(null, "433101009001001")).toBeNull();
    expect(hukouLocal("433101", null)).toBeNull();
    expect(residentPrefillValues(fields, { ...person, hukou_region: "433130" }, "433101009001001")).toMatchObject({ hukou_local: false });
    expect(residentPrefillValues(fields, { ...person, hukou_region: null }, "433101009001001")).not.toHaveProperty("hukou_local");
  });

  it("leaves out values the person lacks and codes the field does not offer", () => {
    const nation: FieldDefinition = {
      key: "nation",
      label: "民族",
      type: "select",
      prefillFrom: "ethnicity",
      options: [{ value: "06", label: "苗族" }],
    } as unknown as FieldDefinition;
    expect(residentPrefillValues([nation], person)).toEqual({});
    expect(residentPrefillValues([nation], { ...person, ethnicity: "06" })).toEqual({ nation: "06" });
    expect(residentPrefillValues(fields, { ...person, phone: null, address: null })).not.toHaveProperty("applicant_phone");
  });
});

describe("residentWriteBack", () => {
  const prefilled = residentPrefillValues(fields, person);

  it("sends the ticked corrections by registry attribute", () => {
    const answers = { ...prefilled, applicant_phone: "13912345678", address: "新地址" };
    expect(residentWriteBack(fields, prefilled, new Set(["applicant_phone"]), answers)).toEqual({ phone: "13912345678" });
  });

  it("sends nothing for an unticked, unchanged or emptied field, nor for the ID number", () => {
    const answers = { ...prefilled, applicant_phone: "13912345678", applicant_id_number: "433101194403120011", address: "" };
    expect(residentWriteBack(fields, prefilled, new Set(["applicant_name", "applicant_id_number", "address"]), answers)).toEqual({});
    expect(residentWriteBack(fields, prefilled, new Set(), answers)).toEqual({});
  });
});

describe("reusedAnswers", () => {
  const field = (f: Record<string, unknown>) => ({ label: f.key, ...f }) as unknown as FieldDefinition;
  const reuseFields = [
    field({ key: "employer", type: "text", reuse: true }),
    field({ key: "housing", type: "select", reuse: true, options: [{ value: "rented", label: "租住" }] }),
    field({ key: "landlord_phone", type: "phone", reuse: true, sensitive: true }),
    field({ key: "members", type: "sub_table", reuse: true, sensitive: true, columns: [] }),
    field({ key: "photo", type: "image", reuse: true }),
    field({ key: "hardship", type: "textarea" }),
  ];

  it("takes the previous answers of the reuse fields as read (sensitive ones masked), never files or unmarked fields", () => {
    const previous = {
      employer: "吉首市某公司",
      housing: "rented",
      landlord_phone: "139****1234",
      members: "***",
      photo: [{ path: "a/b.png" }],
      hardship: "病",
    };
    expect(reusedAnswers(reuseFields, previous)).toEqual({ employer: "吉首市某公司", housing: "rented", landlord_phone: "139****1234", members: "***" });
  });

  it("leaves out empty answers and choices the field no longer offers", () => {
    expect(reusedAnswers(reuseFields, { employer: "", housing: "dormitory", landlord_phone: null, members: [] })).toEqual({});
  });

  it("the templates mark what stays true between applications, never a file", () => {
    const parsed = parseServiceDefinition(elderly, fieldTypes);
    if (!parsed.ok) throw new Error("elderly_benefit does not parse");
    const marked = parsed.definition.fields.filter((f) => f.reuse).map((f) => f.key);
    expect(marked).toEqual(expect.arrayContaining(["bank_card_no", "proxy_name"]));
    expect(parsed.definition.fields.filter((f) => f.reuse && (f.type === "image" || f.type === "attachment"))).toEqual([]);
  });
});

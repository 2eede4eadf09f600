// What a picked resident fills in a record form, and what a correction writes back: the mapping
// is the definition's prefillFrom; masks are filled as read (the database puts the raw values in
// the record); a code the field cannot offer is not filled; only ticked, changed, writable
// attributes are written back (never the ID number).
import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition, type FieldDefinition } from "@/services/schema";
import type { ResidentRow } from "@/data/residents";
import { copyFiles, holdsReusedFiles, hukouLocal, residentPrefillValues, residentWriteBack, reusableFiles, reusedAnswers } from "@/views/form/residentPrefill";
import elderly from "../../../resources/services/elderly_benefit.json";
import disability from "../../../resources/services/disability_service.json";
import veteran from "../../../resources/services/veteran_card.json";
import migrant from "../../../resources/services/migrant_registration.json";
import assistance from "../../../resources/services/social_assistance.json";

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

  it("takes the previous answers of the reuse fields as read (sensitive ones masked), not files (copied instead) or unmarked fields", () => {
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

  it("the templates mark what stays true between applications; of files only the photo, never a proof or a signed form", () => {
    const parsed = parseServiceDefinition(elderly, fieldTypes);
    if (!parsed.ok) throw new Error("elderly_benefit does not parse");
    const marked = parsed.definition.fields.filter((f) => f.reuse).map((f) => f.key);
    expect(marked).toEqual(expect.arrayContaining(["bank_card_no", "proxy_name"]));
    const reusedFiles = Object.fromEntries(
      [elderly, disability, veteran, migrant, assistance].map((template) => {
        const result = parseServiceDefinition(template, fieldTypes);
        if (!result.ok) throw new Error(`${template.key} does not parse`);
        return [template.key, result.definition.fields.filter((f) => f.reuse && (f.type === "image" || f.type === "attachment")).map((f) => f.key)];
      }),
    );
    expect(reusedFiles).toEqual({
      elderly_benefit: ["photo"],
      disability_service: ["photo"],
      veteran_card: ["photo"],
      migrant_registration: [],
      social_assistance: [],
    });
  });
});

describe("reused files: copied into the user's own uploads", () => {
  const field = (f: Record<string, unknown>) => ({ label: f.key, ...f }) as unknown as FieldDefinition;
  const png = { path: "admin-uid/1/photo.png", name: "证件照.png", size: 1200, mime: "image/png" };
  const pdf = { path: "admin-uid/2/proof.pdf", name: "居住证明.pdf", size: 90_000, mime: "application/pdf" };
  const fileFields = [
    field({ key: "photo", type: "image", reuse: true, accept: ["image/jpeg", "image/png"], maxCount: 1, maxSizeMb: 2 }),
    field({ key: "proof", type: "attachment", reuse: true }),
    field({ key: "consent", type: "attachment" }),
    field({ key: "jpeg_only", type: "image", reuse: true, accept: ["image/jpeg"] }),
    field({ key: "small", type: "image", reuse: true, maxSizeMb: 0.001 }),
    field({ key: "one", type: "attachment", reuse: true, maxCount: 1 }),
    field({ key: "scan", type: "attachment", reuse: true, sensitive: true }),
  ];

  it("takes the previous files of file fields marked reuse, as that record references them", () => {
    expect(reusableFiles(fileFields, { photo: [png], proof: [pdf, png], consent: [pdf] })).toEqual({ photo: [png], proof: [pdf, png] });
  });

  it("leaves out what the field refuses today (type, size, count), a mask and an empty answer", () => {
    expect(reusableFiles(fileFields, { jpeg_only: [png], small: [png], one: [pdf, pdf], scan: "***", photo: [], proof: null })).toEqual({});
  });

  it("copies each file: downloaded, then uploaded again under its name and type, in order", async () => {
    const uploaded: { name: string; type: string; text: string }[] = [];
    const copies = await copyFiles(
      [png, pdf],
      async (path) => new Blob([`bytes of ${path}`]),
      async (file) => {
        uploaded.push({ name: file.name, type: file.type, text: await file.text() });
        return { path: `staff-uid/${uploaded.length}/${file.name}`, name: file.name, size: file.size, mime: file.type };
      },
    );
    expect(uploaded).toEqual([
      { name: "证件照.png", type: "image/png", text: `bytes of ${png.path}` },
      { name: "居住证明.pdf", type: "application/pdf", text: `bytes of ${pdf.path}` },
    ]);
    expect(copies.map((c) => c.path)).toEqual(["staff-uid/1/证件照.png", "staff-uid/2/居住证明.pdf"]);
  });

  it("fails whole when one file cannot be copied (the field is left to upload by hand)", async () => {
    const refused = new Error("file too large");
    await expect(
      copyFiles(
        [png, pdf],
        async () => new Blob(["x"]),
        async (file) => {
          if (file.name === pdf.name) throw refused;
          return { ...png, path: "staff-uid/1/photo.png" };
        },
      ),
    ).rejects.toBe(refused);
    await expect(
      copyFiles(
        [png],
        () => Promise.reject(new Error("object not found")),
        async () => png,
      ),
    ).rejects.toThrow("object not found");
  });

  it("a file answer says 来自上次申请 while it holds a copy; removed or replaced, no longer", () => {
    const copy = { ...png, path: "staff-uid/1/photo.png" };
    const other = { ...png, path: "staff-uid/9/new.png" };
    expect(holdsReusedFiles([copy], [copy])).toBe(true);
    expect(holdsReusedFiles([copy, other], [copy])).toBe(true);
    expect(holdsReusedFiles(null, [copy])).toBe(false);
    expect(holdsReusedFiles([other], [copy])).toBe(false);
  });
});

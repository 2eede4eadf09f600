// Form layout keys (section, section_en, width) through the API as the demo administrator: a
// definition laid out in sections and half-width fields publishes and keeps its layout; a blank
// section or another width is refused with the paths and codes parseServiceDefinition gives, so
// the database never publishes a service the browser would refuse to open.
import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";
import { patternPresets } from "@/pages/designer/form/patternPresets";
import { as, detailsOf, run, sql, UNITS, unitId } from "../support/engine-fixtures";

function laidOut(key: string, layout: Record<string, unknown>[]) {
  const fields = [
    { key: "title", label: "标题", type: "text", required: true },
    { key: "phone", label: "联系电话", type: "phone" },
    { key: "address", label: "地址", type: "text" },
  ].map((field, i) => ({ ...field, ...layout[i] }));
  return {
    key,
    name: "报装登记",
    category: "测试",
    icon: "ToolOutlined",
    description: "分组和半行字段。",
    purpose: "登记报装信息。",
    fields,
    list: { columns: ["title", "status"] },
    workflow: {
      initial: "open",
      states: [
        { key: "open", label: "待处理", color: "blue" },
        { key: "done", label: "已办结", color: "success", terminal: true },
      ],
      transitions: [{ key: "finish", label: "办结", from: ["open"], to: "done", roles: ["staff"] }],
    },
    permissions: { community_admin: ["read", "create"], staff: ["read", "create"] },
  };
}

async function publish(definition: ReturnType<typeof laidOut>) {
  const admin = await as("admin");
  const created = await admin.rpc("create_service", { p_definition: definition, p_owner_org_unit_id: await unitId(UNITS.guniuping) });
  expect(created.error).toBeNull();
  return admin.rpc("publish_service", { p_service_id: (created.data as { id: string }).id, p_definition: null, p_expected_row_version: 1 });
}

describe("form layout keys in the definition check", () => {
  it("publishes sections and half-width fields and keeps them", async () => {
    const definition = laidOut(`layout_${run}_a`, [
      { section: "报装人", section_en: "Applicant", width: "half" },
      { section: "报装人", width: "half" },
      { section: "安装位置", width: "full" },
    ]);
    expect(parseServiceDefinition(definition, fieldTypes).ok).toBe(true);
    const { data, error } = await publish(definition);
    expect(error).toBeNull();
    const [version] = await sql<{ definition: { fields: Record<string, unknown>[] } }>(
      "select v.definition from public.service_versions v join public.services s on s.id = v.service_id where s.key = $1 and v.version = 1",
      [definition.key],
    );
    expect(data).toMatchObject({ current_version: 1 });
    expect(version.definition.fields.map(({ section, width }) => ({ section, width }))).toEqual([
      { section: "报装人", width: "half" },
      { section: "报装人", width: "half" },
      { section: "安装位置", width: "full" },
    ]);
  });

  it("refuses a blank section, a section_en that is not text and another width, as the browser does", async () => {
    const definition = laidOut(`layout_${run}_b`, [{ section: "  " }, { width: "third" }, { section: "位置", section_en: 3 }]);
    const { error } = await publish(definition);
    expect(error).toMatchObject({ code: "PT400", message: "definition_invalid" });
    const problems = (detailsOf(error) as { path: string; code: string }[]).map((p) => `${p.path} ${p.code}`).sort();
    expect(problems).toEqual(["fields[0].section empty", "fields[1].width invalid_value", "fields[2].section_en wrong_type"]);
    const browser = parseServiceDefinition(definition, fieldTypes);
    expect(browser.ok ? [] : browser.errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual(problems);
  });

  it("reads the designer's format presets as the browser does (text answers are checked by both)", async () => {
    const samples = ["416000", "41600", "91433100MA4L0XXX7B", "湘U12345", "U12345", "00123", "12a", "a@b.cn", "a@b"];
    for (const preset of patternPresets) {
      const [row] = await sql<{ verdicts: boolean[] }>("select array_agg(s ~ $1 order by n) verdicts from unnest($2::text[]) with ordinality as t(s, n)", [
        preset.pattern,
        samples,
      ]);
      expect(row.verdicts, preset.key).toEqual(samples.map((sample) => new RegExp(preset.pattern, "u").test(sample)));
    }
  });
});

// create_service / publish_service as the demo administrator: only administrators of the
// owning unit or above publish, definitions are checked with paths named, and records keep
// the version they were created under.
import { describe, expect, it } from "vitest";
import { as, createRecord, detailsOf, mustCreate, run, sql, stored, UNITS, unitId } from "../support/engine-fixtures";

function notesDefinition(key: string, extraFields: object[] = []) {
  return {
    key,
    name: "居民建议",
    category: "议事协商",
    icon: "BulbOutlined",
    description: "居民提出的意见和建议，由社区工作人员登记和答复。",
    purpose: "登记建议内容以便答复。",
    fields: [{ key: "title", label: "建议标题", type: "text", required: true, maxLength: 40 }, ...extraFields],
    list: { columns: ["title", "status"] },
    workflow: {
      initial: "open",
      states: [
        { key: "open", label: "待答复", color: "blue", slaHours: 72 },
        { key: "answered", label: "已答复", color: "success", terminal: true },
      ],
      transitions: [{ key: "answer", label: "答复", from: ["open"], to: "answered", roles: ["staff"], requireComment: true }],
    },
    permissions: { community_admin: ["read", "create", "update", "delete"], staff: ["read", "create", "update"] },
  };
}

type ServiceRow = { id: string; key: string; status: string; current_version: number | null; row_version: number };

async function createDraft(key: string): Promise<ServiceRow> {
  const admin = await as("admin");
  const { data, error } = await admin.rpc("create_service", { p_definition: notesDefinition(key), p_owner_org_unit_id: await unitId(UNITS.guniuping) });
  expect(error).toBeNull();
  return data as ServiceRow;
}

describe("create_service and publish_service", () => {
  it("an administrator creates a draft and publishes it; staff may do neither", async () => {
    const staff = await as("staff");
    const key = `notes_${run}_a`;
    const byStaff = await staff.rpc("create_service", { p_definition: notesDefinition(key), p_owner_org_unit_id: await unitId(UNITS.guniuping) });
    expect(byStaff.error).toMatchObject({ code: "PT403", message: "service_forbidden" });
    const draft = await createDraft(key);
    expect(draft).toMatchObject({ key, status: "draft", current_version: null, row_version: 1 });
    const publishByStaff = await staff.rpc("publish_service", { p_service_id: draft.id, p_definition: null, p_expected_row_version: 1 });
    expect(publishByStaff.error).toMatchObject({ code: "PT403", message: "service_forbidden" });
    const admin = await as("admin");
    const { data, error } = await admin.rpc("publish_service", { p_service_id: draft.id, p_definition: null, p_expected_row_version: 1 });
    expect(error).toBeNull();
    expect(data).toMatchObject({ status: "published", current_version: 1, row_version: 2 });
    const taken = await admin.rpc("create_service", { p_definition: notesDefinition(key), p_owner_org_unit_id: await unitId(UNITS.guniuping) });
    expect(taken.error).toMatchObject({ code: "PT409", message: "service_key_taken" });
  });

  it("an administrator of one community cannot manage services of the prefecture", async () => {
    const admin = await as("admin");
    const [template] = await sql<{ id: string; row_version: number }>("select id, row_version from public.services where key = 'grid_event'");
    const { error } = await admin.rpc("publish_service", { p_service_id: template.id, p_definition: null, p_expected_row_version: template.row_version });
    expect(error).toMatchObject({ code: "PT403", message: "service_forbidden" });
  });

  it("refuses a definition the engine cannot run, naming each problem's path", async () => {
    const draft = await createDraft(`notes_${run}_b`);
    const admin = await as("admin");
    const broken = notesDefinition(draft.key, [
      { key: "title", label: "重复", type: "text" },
      { key: "mood", label: "心情", type: "emoji" },
      { key: "kind", label: "类型", type: "select", options: [] },
      { key: "code", label: "编码", type: "text", pattern: "([" },
      { key: "extra", label: "补充", type: "text", visibleWhen: { field: "nowhere", op: "not_empty" } },
    ]);
    broken.workflow.transitions.push({ key: "reopen", label: "重开", from: ["answered", "limbo"], to: "open", roles: ["staff"], requireComment: false });
    const { error } = await admin.rpc("publish_service", { p_service_id: draft.id, p_definition: broken, p_expected_row_version: 1 });
    expect(error).toMatchObject({ code: "PT400", message: "definition_invalid" });
    const problems = (detailsOf(error) as { path: string; code: string }[]).map((p) => `${p.path} ${p.code}`);
    expect(problems.sort()).toEqual(
      [
        "fields[1].key duplicate_key",
        "fields[2].type unknown_field_type",
        "fields[3].options select_options_min",
        "fields[4].pattern pattern_invalid",
        "fields[5].visibleWhen.field unknown_field_ref",
        "workflow.transitions[1].from[0] terminal_outgoing",
        "workflow.transitions[1].from[1] unknown_state",
      ].sort(),
    );
    expect(error!.hint).toMatch(/^fields\[1\]\.key：键名 "title" 重复 \/ fields\[1\]\.key: Duplicate key "title"$/);
    const [after] = await sql<{ current_version: number | null }>("select current_version from public.services where id = $1", [draft.id]);
    expect(after.current_version).toBeNull();
  });

  it("refuses a stale row_version and a changed key", async () => {
    const draft = await createDraft(`notes_${run}_c`);
    const admin = await as("admin");
    const saved = await admin.rpc("save_service_draft", { p_service_id: draft.id, p_draft: notesDefinition(draft.key), p_expected_row_version: 1 });
    expect(saved.error).toBeNull();
    const stale = await admin.rpc("publish_service", { p_service_id: draft.id, p_definition: null, p_expected_row_version: 1 });
    expect(stale.error).toMatchObject({ code: "PT409", message: "stale_service" });
    const renamed = await admin.rpc("publish_service", { p_service_id: draft.id, p_definition: notesDefinition("other_key"), p_expected_row_version: 2 });
    expect((detailsOf(renamed.error) as { code: string }[]).map((p) => p.code)).toEqual(["key_changed"]);
  });

  it("keeps records on the version they were created under when a new version is published", async () => {
    const draft = await createDraft(`notes_${run}_d`);
    const admin = await as("admin");
    const staff = await as("staff");
    await admin.rpc("publish_service", { p_service_id: draft.id, p_definition: null, p_expected_row_version: 1 });
    const old = await mustCreate(staff, draft.key, UNITS.guniupingGrid1, { title: "增设健身器材" });
    expect(old.service_version).toBe(1);

    // v2 adds a required phone
    const v2 = notesDefinition(draft.key, [{ key: "phone", label: "联系电话", type: "phone", required: true }]);
    const published = await admin.rpc("publish_service", { p_service_id: draft.id, p_definition: v2, p_expected_row_version: 2 });
    expect(published.data).toMatchObject({ current_version: 2 });

    // the old record still validates against v1: no phone needed, and v2's field is unknown to it
    const edit = await staff.rpc("update_record", { p_id: old.id, p_row_version: 1, p_data: { title: "增设健身器材和座椅" } });
    expect(edit.error).toBeNull();
    expect(await stored(old.id)).toMatchObject({ service_version: 1, row_version: 2 });
    const v2Answer = await staff.rpc("update_record", { p_id: old.id, p_row_version: 2, p_data: { title: "x", phone: "13907431234" } });
    expect(detailsOf(v2Answer.error) as { field: string; code: string }[]).toEqual([{ field: "phone", code: "unknown_field", params: {} }]);
    // its workflow still works
    const answered = await staff.rpc("transition_record", { p_id: old.id, p_row_version: 2, p_transition: "answer", p_comment: "已安排" });
    expect(answered.error).toBeNull();

    // new records are created under v2 and need the phone
    const noPhone = await createRecord(staff, draft.key, UNITS.guniupingGrid1, { title: "路灯" });
    expect(detailsOf(noPhone.error)).toEqual([{ field: "phone", code: "required", params: {} }]);
    const fresh = await mustCreate(staff, draft.key, UNITS.guniupingGrid1, { title: "路灯", phone: "13907431234" });
    expect(fresh.service_version).toBe(2);
  });

  it("never lets a published version change", async () => {
    await expect(sql("update public.service_versions set definition = '{}' where version = 1")).rejects.toThrow(/service_versions_immutable/);
    await expect(sql("delete from public.service_versions where version = 1")).rejects.toThrow(/service_versions_immutable/);
  });
});

// 服务管理 and the designer's saves, as the demo users through PostgREST: who may archive and
// restore, what list_services shows whom, drafts saved with their removed fields, a stale save
// naming who saved last, and a published field keeping its type.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestWorld, type TestPerson } from "../support/access-fixtures";
import { as, detailsOf, mustCreate, run, sql, UNITS, unitId } from "../support/engine-fixtures";

const JIFENG_STREET = "433101009"; // 吉凤街道, above 牯牛坪 and 湾溪
const WANXI = "433101009002"; // 湾溪社区, beside 牯牛坪

const world = new TestWorld();
let streetAdmin: TestPerson; // community_admin at 吉凤街道
let wanxiAdmin: TestPerson; // community_admin at 湾溪社区

beforeAll(async () => {
  streetAdmin = await world.person("street-admin", { role: "community_admin", unitCode: JIFENG_STREET });
  wanxiAdmin = await world.person("wanxi-admin", { role: "community_admin", unitCode: WANXI });
});

afterAll(() => world.cleanup());

function definition(key: string, fields: object[] = [{ key: "title", label: "标题", type: "text", required: true }]) {
  return {
    key,
    name: "充电桩报装",
    category: "便民服务",
    icon: "ThunderboltOutlined",
    description: "居民申请在小区安装电动自行车充电桩。",
    purpose: "登记申请以便安排安装。",
    fields,
    list: { columns: ["title", "status"] },
    workflow: {
      initial: "open",
      states: [
        { key: "open", label: "待受理", color: "blue" },
        { key: "done", label: "已办结", color: "success", terminal: true },
      ],
      transitions: [{ key: "finish", label: "办结", from: ["open"], to: "done", roles: ["staff"] }],
    },
    permissions: { community_admin: ["read", "create", "update"], staff: ["read", "create", "update"] },
  };
}

type Row = { id: string; status: string; current_version: number | null; row_version: number };

async function publishedService(suffix: string, fields?: object[]): Promise<Row> {
  const admin = await as("admin");
  const key = `designer_${run}_${suffix}`;
  const created = await admin.rpc("create_service", { p_definition: definition(key, fields), p_owner_org_unit_id: await unitId(UNITS.guniuping) });
  expect(created.error).toBeNull();
  const published = await admin.rpc("publish_service", { p_service_id: (created.data as Row).id, p_definition: null, p_expected_row_version: 1 });
  expect(published.error).toBeNull();
  return published.data as Row;
}

describe("list_services", () => {
  it("shows the admin which services they may change and how many records they can see", async () => {
    const service = await publishedService("list");
    const admin = await as("admin");
    const { data, error } = await admin.rpc("list_services");
    expect(error).toBeNull();
    const rows = data as { id: string; key: string; editable: boolean; record_count: number; owner_name: string }[];
    expect(rows.find((row) => row.id === service.id)).toMatchObject({ editable: true, record_count: 0 });
    // the prefecture's templates are there to copy, not to change
    expect(rows.find((row) => row.key === "grid_event")).toMatchObject({ editable: false });
    const [{ count }] = await sql<{ count: string }>(
      `select count(*) from public.records r join public.services s on s.id = r.service_id
        where s.key = 'grid_event' and r.deleted_at is null
          and r.org_unit_id in (select u.id from public.org_units u where u.path like (select path from public.org_units where code = $1) || '%')`,
      [UNITS.guniuping],
    );
    expect(Number(rows.find((row) => row.key === "grid_event")?.record_count)).toBe(Number(count));
  });

  it("tells staff they may change nothing", async () => {
    const staff = await as("staff");
    const { data, error } = await staff.rpc("list_services");
    expect(error).toBeNull();
    expect((data as { editable: boolean }[]).every((row) => !row.editable)).toBe(true);
  });
});

describe("who administers which service", () => {
  it("a street administrator manages a community's service below the street; the next community's administrator neither sees nor manages it", async () => {
    const service = await publishedService("street");
    const street = await streetAdmin.client.rpc("archive_service", { p_service_id: service.id, p_archived: true, p_expected_row_version: service.row_version });
    expect(street.error).toBeNull();
    const restored = await streetAdmin.client.rpc("archive_service", {
      p_service_id: service.id,
      p_archived: false,
      p_expected_row_version: (street.data as Row).row_version,
    });
    expect(restored.error).toBeNull();
    const sibling = await wanxiAdmin.client.rpc("archive_service", {
      p_service_id: service.id,
      p_archived: true,
      p_expected_row_version: (restored.data as Row).row_version,
    });
    expect(sibling.error).toMatchObject({ code: "PT403", message: "service_forbidden" });
    const listed = await wanxiAdmin.client.rpc("list_services");
    expect((listed.data as { id: string }[]).map((row) => row.id)).not.toContain(service.id);
    const byStreet = await streetAdmin.client.rpc("list_services");
    expect(byStreet.data as { id: string; editable: boolean }[]).toContainEqual(expect.objectContaining({ id: service.id, editable: true }));
  });

  it("a street administrator creates a service for the street; a community administrator below may copy it, not change it", async () => {
    const key = `designer_${run}_streetown`;
    const created = await streetAdmin.client.rpc("create_service", { p_definition: definition(key), p_owner_org_unit_id: await unitId(JIFENG_STREET) });
    expect(created.error).toBeNull();
    const byCommunity = await (
      await as("admin")
    ).rpc("save_service_draft", {
      p_service_id: (created.data as Row).id,
      p_draft: definition(key),
      p_expected_row_version: (created.data as Row).row_version,
    });
    expect(byCommunity.error).toMatchObject({ code: "PT403", message: "service_forbidden" });
    const listed = await (await as("admin")).rpc("list_services");
    expect(listed.data as { id: string; editable: boolean }[]).toContainEqual(expect.objectContaining({ id: (created.data as Row).id, editable: false }));
    const forSibling = await wanxiAdmin.client.rpc("create_service", {
      p_definition: definition(`${key}_x`),
      p_owner_org_unit_id: await unitId(UNITS.guniuping),
    });
    expect(forSibling.error).toMatchObject({ code: "PT403", message: "service_forbidden" });
  });
});

describe("archive_service", () => {
  it("an administrator archives a service: no new records, out of the published list; restore brings it back", async () => {
    const service = await publishedService("archive");
    const admin = await as("admin");
    const byStaff = await (
      await as("staff")
    ).rpc("archive_service", { p_service_id: service.id, p_archived: true, p_expected_row_version: service.row_version });
    expect(byStaff.error).toMatchObject({ code: "PT403", message: "service_forbidden" });
    const archived = await admin.rpc("archive_service", { p_service_id: service.id, p_archived: true, p_expected_row_version: service.row_version });
    expect(archived.error).toBeNull();
    expect(archived.data).toMatchObject({ status: "archived", current_version: 1 });
    const create = await admin.from("records").insert({ service_id: service.id, org_unit_id: await unitId(UNITS.guniuping), data: { title: "x" } });
    expect(create.error).toMatchObject({ message: "service_not_published" });
    const publish = await admin.rpc("publish_service", {
      p_service_id: service.id,
      p_definition: null,
      p_expected_row_version: (archived.data as Row).row_version,
    });
    expect(publish.error).toMatchObject({ code: "PT409", message: "service_archived" });
    const restored = await admin.rpc("archive_service", {
      p_service_id: service.id,
      p_archived: false,
      p_expected_row_version: (archived.data as Row).row_version,
    });
    expect(restored.data).toMatchObject({ status: "published" });
  });

  it("refuses the prefecture's template to a community administrator", async () => {
    const [template] = await sql<{ id: string; row_version: number }>("select id, row_version from public.services where key = 'grid_event'");
    const { error } = await (
      await as("admin")
    ).rpc("archive_service", { p_service_id: template.id, p_archived: true, p_expected_row_version: template.row_version });
    expect(error).toMatchObject({ code: "PT403", message: "service_forbidden" });
    const [after] = await sql<{ status: string }>("select status from public.services where key = 'grid_event'");
    expect(after.status).toBe("published");
  });
});

describe("save_service_draft", () => {
  it("keeps the removed fields with the draft until publish", async () => {
    const service = await publishedService("removed");
    const admin = await as("admin");
    const removed = [{ key: "note", label: "备注", type: "textarea" }];
    const saved = await admin.rpc("save_service_draft", {
      p_service_id: service.id,
      p_draft: definition(`designer_${run}_removed`),
      p_expected_row_version: service.row_version,
      p_removed_fields: removed,
    });
    expect(saved.error).toBeNull();
    expect(saved.data).toMatchObject({ draft_removed_fields: removed });
    const published = await admin.rpc("publish_service", {
      p_service_id: service.id,
      p_definition: null,
      p_expected_row_version: (saved.data as Row).row_version,
    });
    expect(published.data).toMatchObject({ current_version: 2, draft: null, draft_removed_fields: [] });
  });

  it("a stale save is refused with the name of who saved last, and changes nothing", async () => {
    const service = await publishedService("stale");
    const admin = await as("admin");
    const first = await admin.rpc("save_service_draft", {
      p_service_id: service.id,
      p_draft: definition(`designer_${run}_stale`),
      p_expected_row_version: service.row_version,
    });
    expect(first.error).toBeNull();
    const second = await admin.rpc("save_service_draft", {
      p_service_id: service.id,
      p_draft: { ...definition(`designer_${run}_stale`), name: "另一个名字" },
      p_expected_row_version: service.row_version,
    });
    expect(second.error).toMatchObject({ code: "PT409", message: "stale_service" });
    const [{ display_name }] = await sql<{ display_name: string }>("select display_name from public.profiles where email = 'admin@demo.local'");
    expect(detailsOf(second.error)).toMatchObject({ updated_by_name: display_name, row_version: (first.data as Row).row_version });
    expect(second.error?.hint).toContain(display_name);
    const [row] = await sql<{ name: string }>("select draft ->> 'name' as name from public.services where id = $1", [service.id]);
    expect(row.name).toBe("充电桩报装");
  });

  it("refuses a draft that is not an object or removed fields that are not a list", async () => {
    const service = await publishedService("shape");
    const admin = await as("admin");
    const notObject = await admin.rpc("save_service_draft", { p_service_id: service.id, p_draft: [1], p_expected_row_version: service.row_version });
    expect(notObject.error).toMatchObject({ code: "PT400" });
    const notList = await admin.rpc("save_service_draft", {
      p_service_id: service.id,
      p_draft: definition(`designer_${run}_shape`),
      p_expected_row_version: service.row_version,
      p_removed_fields: { key: "x" },
    });
    expect(notList.error).toMatchObject({ code: "PT400" });
  });
});

describe("a published field keeps its type", () => {
  it("refuses to publish a field key with another type, at that field, and accepts a new field", async () => {
    const service = await publishedService("frozen", [
      { key: "title", label: "标题", type: "text", required: true },
      { key: "amount", label: "数量", type: "number" },
    ]);
    const admin = await as("admin");
    const record = await mustCreate(admin, `designer_${run}_frozen`, UNITS.guniuping, { title: "一号楼", amount: 3 });
    const retyped = definition(`designer_${run}_frozen`, [
      { key: "title", label: "标题", type: "text", required: true },
      { key: "amount", label: "数量", type: "text" },
    ]);
    const refused = await admin.rpc("publish_service", { p_service_id: service.id, p_definition: retyped, p_expected_row_version: service.row_version });
    expect(refused.error).toMatchObject({ code: "PT400" });
    expect(detailsOf(refused.error)).toEqual([expect.objectContaining({ path: "fields[1].type", code: "field_type_frozen" })]);
    const added = definition(`designer_${run}_frozen`, [
      { key: "title", label: "标题（改名）", type: "text", required: true },
      { key: "amount_2", label: "数量", type: "text" },
    ]);
    const accepted = await admin.rpc("publish_service", { p_service_id: service.id, p_definition: added, p_expected_row_version: service.row_version });
    expect(accepted.error).toBeNull();
    const [old] = await sql<{ service_version: number; amount: number }>(
      "select service_version, (data ->> 'amount')::int as amount from public.records where id = $1",
      [record.id],
    );
    expect(old).toEqual({ service_version: 1, amount: 3 });
  });
});

describe("a role never holds an action that needs read without read", () => {
  const grantsOf = async (serviceId: string, role: string) =>
    (
      await sql<{ action: string }>("select action from public.service_role_grants where service_id = $1 and role_key = $2 order by action", [serviceId, role])
    ).map((row) => row.action);

  it("set_service_grant grants read with export and revokes update and export with read", async () => {
    const service = await publishedService("cascade");
    const admin = await as("admin");
    expect(
      (await admin.rpc("set_service_grant", { p_service_id: service.id, p_role_key: "grid_worker", p_action: "export", p_granted: true })).error,
    ).toBeNull();
    expect(await grantsOf(service.id, "grid_worker")).toEqual(["export", "read"]);
    expect((await admin.rpc("set_service_grant", { p_service_id: service.id, p_role_key: "staff", p_action: "read", p_granted: false })).error).toBeNull();
    expect(await grantsOf(service.id, "staff")).toEqual(["create"]);
  });

  it("a version that takes read away takes the actions granted live with it", async () => {
    const service = await publishedService("publishread");
    const admin = await as("admin");
    await admin.rpc("set_service_grant", { p_service_id: service.id, p_role_key: "staff", p_action: "export", p_granted: true });
    const next = { ...definition(`designer_${run}_publishread`), permissions: { community_admin: ["read", "create", "update"], staff: ["create"] } };
    const published = await admin.rpc("publish_service", { p_service_id: service.id, p_definition: next, p_expected_row_version: service.row_version });
    expect(published.error).toBeNull();
    expect(await grantsOf(service.id, "staff")).toEqual(["create"]);
  });
});

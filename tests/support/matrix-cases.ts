// One holder at one target unit: every action on the records of each built-in service, their
// history and files, and on services. Reads are judged by what comes back; writes by the row
// as stored afterwards (and a refused write must not carry the record's data in its error).
import { rest, rowsOf, rpc, storage } from "./matrix-api.ts";
import type { MatrixLedger, Verdict } from "./matrix-ledger.ts";
import { answers, BUCKET, markerOf, matrixTransition, SERVICE_KEYS, sql, type Holder, type MatrixWorld, type ServiceKey } from "./matrix-world.ts";

const verdict = (yes: boolean): Verdict => (yes ? "allowed" : "denied");
const ADMIN_ROLES = ["community_admin", "system_admin"];

export async function runRecordCases(world: MatrixWorld, ledger: MatrixLedger, holder: Holder, unitCode: string): Promise<void> {
  const unitId = world.tree.id(unitCode);
  const relation = world.tree.relation(holder.unitId, unitId);
  const inside = world.tree.inside(unitId, holder.unitId);
  for (const service of SERVICE_KEYS) {
    const may = (action: string) => world.may(holder.role, service, action);
    const canRead = may("read") && inside;
    const at = (kind: string) => `${kind}@${unitCode}/${service}`;
    const check = (action: string, expected: boolean, allowed: boolean, detail?: string) =>
      ledger.check({ who: holder.label, action, object: at("records"), relation, expected: verdict(expected), allowed, detail });
    const target = world.readTargets.get(`${unitCode}/${service}`)!;

    const read = await rest(holder.token, `/records?select=id,data&id=eq.${target.id}`);
    check("read", canRead, rowsOf(read).length === 1, `HTTP ${read.status}`);
    // export = what the list's download asks for: CSV of the same rows (the `export` grant is the UI's; the API serves what RLS lets through)
    const csv = await rest(holder.token, `/records?select=*&id=eq.${target.id}`, { headers: { accept: "text/csv" } });
    check("export", canRead, csv.status === 200 && csv.text.includes(target.id), `HTTP ${csv.status}`);
    // export_records: the database's export, which enforces `export` (and view_sensitive + a reason to unmask)
    const serviceId = world.services.get(service)!.id;
    const exported = await rpc(holder.token, "export_records", { p_service_id: serviceId, p_ids: [target.id] });
    check(
      "export rpc",
      canRead && may("export"),
      exported.status === 200 && exported.text.includes(target.id),
      `HTTP ${exported.status} ${errorCode(exported.json)}`,
    );
    const unmasked = await rpc(holder.token, "export_records", { p_service_id: serviceId, p_ids: [target.id], p_unmasked: true, p_reason: "矩阵测试导出" });
    check(
      "export unmasked",
      canRead && may("export") && may("view_sensitive"),
      unmasked.status === 200 && unmasked.text.includes(target.id) && unmasked.text.includes('"unmasked": true'),
      `HTTP ${unmasked.status} ${errorCode(unmasked.json)}`,
    );
    const events = await rest(holder.token, `/record_events?select=id,record_id&record_id=eq.${target.id}`);
    check("events", canRead, rowsOf(events).length > 0, `HTTP ${events.status}`);
    const file = await storage(holder.token, `/object/authenticated/${BUCKET}/${target.file!.path}`);
    check("attachment", canRead, file.status === 200 && file.text === target.file!.content, `HTTP ${file.status}`);
    const index = await rest(holder.token, `/record_attachments?select=path&record_id=eq.${target.id}`);
    check("attachment index", canRead, rowsOf(index).length > 0, `HTTP ${index.status}`);

    const marker = world.marker();
    const placeholder = { path: `matrix/none.jpg`, name: "现场.jpg", size: 30000, mime: "image/jpeg" };
    const created = await rest(holder.token, "/records", {
      method: "POST",
      headers: { prefer: "return=minimal" },
      body: { service_id: world.services.get(service)!.id, org_unit_id: unitId, data: answers(service, unitId, marker, placeholder) },
    });
    const [stored] = await sql<{ n: number }>("select count(*)::int as n from public.records where data ->> $1 = $2", [
      service === "grid_event" ? "title" : "remarks",
      marker,
    ]);
    check("create", may("create") && inside, stored.n === 1, `HTTP ${created.status} ${errorCode(created.json)}`);

    await runWriteCases(
      world,
      holder,
      unitCode,
      service,
      (action, expected, allowed, detail) =>
        ledger.check({ who: holder.label, action, object: at("records"), relation, expected: verdict(expected), allowed, detail }),
      canRead,
      may,
    );
  }
}

async function runWriteCases(
  world: MatrixWorld,
  holder: Holder,
  unitCode: string,
  service: ServiceKey,
  check: (action: string, expected: boolean, allowed: boolean, detail?: string) => boolean,
  canRead: boolean,
  may: (action: string) => boolean,
): Promise<void> {
  const target = (action: string) => world.writeTargets.get(`${holder.label}/${unitCode}/${service}/${action}`)!;
  const storedRow = async (id: string) =>
    (
      await sql<{ row_version: number; status: string; deleted_at: string | null; org_unit_id: string }>(
        "select row_version, status, deleted_at, org_unit_id from public.records where id = $1",
        [id],
      )
    )[0];
  // A refused write may say why, but must not hand out the record it refused.
  const carriesData = (text: string, record: { service: ServiceKey; data: Record<string, unknown> }) => text.includes(markerOf(record.service, record.data));

  const update = target("update");
  const field = service === "grid_event" ? "title" : "remarks";
  const edited = await rpc(holder.token, "update_record", {
    p_id: update.id,
    p_row_version: 1,
    p_data: { ...update.data, [field]: `${markerOf(service, update.data)}改` },
  });
  const afterUpdate = await storedRow(update.id);
  check(
    "update",
    canRead && may("update"),
    afterUpdate.row_version === 2 || carriesData(edited.text, update),
    `HTTP ${edited.status} ${errorCode(edited.json)}`,
  );

  const doomed = target("delete");
  const deleted = await rpc(holder.token, "delete_record", { p_id: doomed.id, p_row_version: 1, p_reason: "矩阵测试删除" });
  const afterDelete = await storedRow(doomed.id);
  check(
    "delete",
    canRead && may("delete"),
    afterDelete.deleted_at !== null || carriesData(deleted.text, doomed),
    `HTTP ${deleted.status} ${errorCode(deleted.json)}`,
  );

  const moved = target("transition");
  const transition = matrixTransition(world.services.get(service)!.definition);
  const taken = await rpc(holder.token, "transition_record", {
    p_id: moved.id,
    p_row_version: 1,
    p_transition: transition.key,
    p_comment: "矩阵测试办理意见",
    p_fields: null,
    p_checklist: (transition.checklist ?? []).map((c) => c.key),
  });
  const afterTransition = await storedRow(moved.id);
  check(
    "transition",
    canRead && transition.roles.includes(holder.role),
    afterTransition.row_version === 2 || carriesData(taken.text, moved),
    `${transition.key}: HTTP ${taken.status} ${errorCode(taken.json)}`,
  );
}

export async function runServiceCases(world: MatrixWorld, ledger: MatrixLedger, holder: Holder, unitCode: string): Promise<void> {
  const unitId = world.tree.id(unitCode);
  const relation = world.tree.relation(holder.unitId, unitId);
  const administers = ADMIN_ROLES.includes(holder.role) && world.tree.inside(unitId, holder.unitId);
  const check = (action: string, expected: boolean, allowed: boolean, detail?: string) =>
    ledger.check({ who: holder.label, action, object: `services@${unitCode}`, relation, expected: verdict(expected), allowed, detail });
  const draft = world.drafts.get(`${holder.label}/${unitCode}`)!;

  // Services are configuration, readable by every signed-in user (their records are what is scoped).
  const read = await rest(holder.token, `/services?select=id&id=eq.${draft.id}`);
  check("service read", true, rowsOf(read).length === 1, `HTTP ${read.status}`);

  const key = `n${draft.key}`;
  const created = await rpc(holder.token, "create_service", { p_definition: { key, name: "矩阵新服务" }, p_owner_org_unit_id: unitId });
  const [exists] = await sql<{ n: number }>("select count(*)::int as n from public.services where key = $1", [key]);
  check("service create", administers, exists.n === 1, `HTTP ${created.status} ${errorCode(created.json)}`);

  const published = await rpc(holder.token, "publish_service", {
    p_service_id: draft.id,
    p_definition: world.publishable(draft.key),
    p_expected_row_version: 1,
  });
  const [after] = await sql<{ status: string }>("select status from public.services where id = $1", [draft.id]);
  check("service publish", administers, after.status === "published", `HTTP ${published.status} ${errorCode(published.json)}`);
}

export function errorCode(json: unknown): string {
  return json && typeof json === "object" && "message" in json ? String((json as { message: unknown }).message) : "";
}

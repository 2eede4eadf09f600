// Attacks beyond filtering: the record RPCs aimed at records out of scope, tokens that are not
// a signed-in user's (none, forged, expired, claiming service_role), writes that would move a
// record to another unit, and a membership suspended between two requests.
import { randomBytes, randomUUID } from "node:crypto";
import { signJwt } from "../../supabase/local/jwt.ts";
import { rest, rowsOf, rpc, storage, type Reply } from "./matrix-api.ts";
import type { MatrixLedger } from "./matrix-ledger.ts";
import { errorCode } from "./matrix-cases.ts";
import type { Scope, TrickJudge } from "./matrix-tricks.ts";
import { answers, BUCKET, CODES, markerOf, matrixTransition, sql, type Holder, type MatrixWorld, type TargetRecord } from "./matrix-world.ts";

const placeholder = { path: "matrix/none.jpg", name: "现场.jpg", size: 30000, mime: "image/jpeg" };

async function freshElderly(world: MatrixWorld, unitCode: string, count: number): Promise<TargetRecord[]> {
  const rows = Array.from({ length: count }, () => ({
    service: "elderly_benefit" as const,
    data: answers("elderly_benefit", world.tree.id(unitCode), world.marker(), placeholder),
  }));
  return world.insertAs(world.clerk.token, unitCode, rows);
}

const unitCodeOf = (world: MatrixWorld, holder: Holder) => world.tree.byId.get(holder.unitId)!.code;

/** Each record RPC on a hidden record answers as for a missing one; on a record in scope it works. */
export async function runRpcTricks(world: MatrixWorld, judge: TrickJudge, holder: Holder, scope: Scope): Promise<void> {
  const hidden = scope.hidden.find((t) => t.service === "elderly_benefit")!;
  const nothing: TargetRecord = { ...hidden, id: randomUUID() };
  const fresh = await freshElderly(world, unitCodeOf(world, holder), 7);
  const transition = matrixTransition(world.services.get("elderly_benefit")!.definition);
  const calls: [string, (r: TargetRecord, rowVersion: number) => Promise<Reply>][] = [
    ["update_record", (r, v) => rpc(holder.token, "update_record", { p_id: r.id, p_row_version: v, p_data: { ...r.data, remarks: "改" } })],
    [
      "transition_record",
      (r, v) =>
        rpc(holder.token, "transition_record", {
          p_id: r.id,
          p_row_version: v,
          p_transition: transition.key,
          p_comment: "看看",
          p_fields: null,
          p_checklist: (transition.checklist ?? []).map((c) => c.key),
        }),
    ],
    ["delete_record", (r, v) => rpc(holder.token, "delete_record", { p_id: r.id, p_row_version: v, p_reason: "看看" })],
    ["assign_record", (r, v) => rpc(holder.token, "assign_record", { p_id: r.id, p_row_version: v, p_assignee: null })],
    ["comment_record", (r) => rpc(holder.token, "comment_record", { p_id: r.id, p_comment: "看看" })],
    ["unmask_record_field", (r) => rpc(holder.token, "unmask_record_field", { p_record_id: r.id, p_field: "applicant_phone", p_reason: "核实身份" })],
  ];
  for (const [i, [name, call]] of calls.entries()) {
    const onShown = await call(fresh[i], 1);
    judge.rpcAnswer(name, await call(hidden, 1), await call(nothing, 1), hidden, onShown, onShown.status === 200);
  }
  // a wrong row_version on a hidden record must not turn "not found" into "stale" (which would confirm it exists)
  const stale = await calls[0][1](fresh[6], 99);
  judge.rpcAnswer(
    "update_record with a wrong row_version",
    await calls[0][1](hidden, 99),
    await calls[0][1](nothing, 99),
    hidden,
    stale,
    errorCode(stale.json) === "stale_record",
  );
}

/** Tokens that are not a signed-in user's. Each request is also made with the holder's real token (the positive control). */
export async function runTokenTricks(ledger: MatrixLedger, holder: Holder, scope: Scope): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const wrongSecret = randomBytes(36).toString("base64url");
  const user = { sub: holder.id, role: "authenticated", aud: "authenticated", email: holder.email };
  const [header, , signature] = holder.token.split(".");
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const tokens: [string, string | null][] = [
    ["anon (apikey only)", null],
    ["forged: the holder's claims, wrong secret", signJwt({ ...user, iat: now, exp: now + 3600 }, wrongSecret)],
    ["forged: role service_role, wrong secret", signJwt({ iss: "supabase", role: "service_role", iat: now, exp: now + 3600 }, wrongSecret)],
    ["expired: the holder's claims, right secret", signJwt({ ...user, iat: now - 7200, exp: now - 3600 }, process.env.SUPABASE_JWT_SECRET!)],
    ["alg none, role service_role", `${b64({ alg: "none", typ: "JWT" })}.${b64({ role: "service_role", exp: now + 3600 })}.`],
    ["the holder's token, payload changed to service_role", `${header}.${b64({ ...user, role: "service_role", exp: now + 3600 })}.${signature}`],
  ];
  const shown = scope.shown.find((t) => t.file)!;
  const ids = scope.shown.map((t) => t.id).join(",");
  const probes: [string, (token: string | null) => Promise<boolean>][] = [
    ["records", async (t) => rowsOf(await rest(t, `/records?select=id&id=in.(${ids})`)).length > 0],
    ["record_events", async (t) => rowsOf(await rest(t, `/record_events?select=id&record_id=in.(${ids})`)).length > 0],
    ["record_attachments", async (t) => rowsOf(await rest(t, `/record_attachments?select=path&record_id=in.(${ids})`)).length > 0],
    ["services", async (t) => rowsOf(await rest(t, "/services?select=id")).length > 0],
    ["rpc comment_record", async (t) => (await rpc(t, "comment_record", { p_id: shown.id, p_comment: "令牌测试" })).status === 200],
    ["storage download", async (t) => (await storage(t, `/object/authenticated/${BUCKET}/${shown.file!.path}`)).text === shown.file!.content],
  ];
  for (const [object, probe] of probes) {
    ledger.check({ who: holder.label, action: "token", object, relation: "own token", expected: "allowed", allowed: await probe(holder.token) });
    for (const [who, token] of tokens) ledger.check({ who, action: "token", object, relation: "—", expected: "denied", allowed: await probe(token) });
  }
  // The service key's place is the apikey header; a forged one there is refused by the gateway.
  const forgedKey = await rest(null, "/records?select=id&limit=1", { apiKey: tokens[2][1]! });
  ledger.check({
    who: "forged service_role token as apikey",
    action: "token",
    object: "records",
    relation: "—",
    expected: "denied",
    allowed: rowsOf(forgedKey).length > 0,
    detail: `HTTP ${forgedKey.status}`,
  });
}

/** Writes that would move a record to another unit (or otherwise around the RPCs) change nothing. */
export async function runMoveTricks(world: MatrixWorld, ledger: MatrixLedger, holder: Holder, scope: Scope): Promise<void> {
  const own = unitCodeOf(world, holder);
  const elsewhere = world.tree.id(CODES.sibling);
  const [record, control] = await freshElderly(world, own, 2);
  const hidden = scope.hidden.find((t) => t.service === "elderly_benefit")!;
  const snapshot = async () =>
    sql<{ id: string; org_unit_id: string; status: string; row_version: number }>(
      "select id, org_unit_id, status, row_version from public.records where id = any($1) order by id",
      [[...scope.visible, hidden.id]],
    );
  const before = JSON.stringify(await snapshot());
  const service = world.services.get("elderly_benefit")!.id;
  const attempts: [string, () => Promise<Reply>][] = [
    ["PATCH org_unit_id", () => rest(holder.token, `/records?id=eq.${record.id}`, { method: "PATCH", body: { org_unit_id: elsewhere } })],
    ["PATCH org_unit_id with no filter", () => rest(holder.token, "/records", { method: "PATCH", body: { org_unit_id: elsewhere } })],
    ["PATCH status", () => rest(holder.token, `/records?id=eq.${record.id}`, { method: "PATCH", body: { status: "issued" } })],
    ["DELETE", () => rest(holder.token, `/records?id=eq.${record.id}`, { method: "DELETE" })],
    [
      "update_record with org_unit_id in p_data",
      () => rpc(holder.token, "update_record", { p_id: record.id, p_row_version: 1, p_data: { ...record.data, org_unit_id: elsewhere } }),
    ],
    [
      "transition_record with org_unit_id in p_fields",
      () => rpc(holder.token, "transition_record", { p_id: record.id, p_row_version: 1, p_transition: "accept", p_fields: { org_unit_id: elsewhere } }),
    ],
    [
      "upsert (merge-duplicates) onto the record",
      () =>
        rest(holder.token, "/records?on_conflict=id", {
          method: "POST",
          headers: { prefer: "resolution=merge-duplicates" },
          body: { id: record.id, service_id: service, org_unit_id: world.tree.id(own), data: record.data, status: "issued" },
        }),
    ],
    [
      "upsert (merge-duplicates) pulling a hidden record into the own unit",
      () =>
        rest(holder.token, "/records?on_conflict=id", {
          method: "POST",
          headers: { prefer: "resolution=merge-duplicates,return=representation" },
          body: { id: hidden.id, service_id: service, org_unit_id: world.tree.id(own), data: hidden.data },
        }),
    ],
  ];
  for (const [name, attempt] of attempts) {
    const reply = await attempt();
    const after = JSON.stringify(await snapshot());
    ledger.check({
      who: holder.label,
      action: "move",
      object: "records in scope",
      relation: name,
      expected: "denied",
      allowed: after !== before || reply.text.includes(markerOf("elderly_benefit", hidden.data)),
      detail: `HTTP ${reply.status} ${errorCode(reply.json)}`,
    });
  }
  const edited = await rpc(holder.token, "update_record", { p_id: control.id, p_row_version: 1, p_data: { ...control.data, remarks: "正常修改" } });
  ledger.check({
    who: holder.label,
    action: "move",
    object: "records in scope",
    relation: "update_record (control)",
    expected: "allowed",
    allowed: edited.status === 200,
  });
}

/** Suspending a membership denies the very next request made with the same, still valid token. */
export async function runSuspension(world: MatrixWorld, ledger: MatrixLedger, admin: Holder): Promise<void> {
  const person = await world.holder("staff", CODES.community, "staff (suspended mid-session)");
  const target = world.readTargets.get(`${CODES.community}/grid_event`)!;
  const [fresh] = await freshElderly(world, CODES.community, 1);
  const probes: [string, () => Promise<boolean>][] = [
    ["read", async () => rowsOf(await rest(person.token, `/records?select=id&id=eq.${target.id}`)).length === 1],
    ["events", async () => rowsOf(await rest(person.token, `/record_events?select=id&record_id=eq.${target.id}`)).length > 0],
    ["attachment", async () => (await storage(person.token, `/object/authenticated/${BUCKET}/${target.file!.path}`)).status === 200],
    ["comment", async () => (await rpc(person.token, "comment_record", { p_id: fresh.id, p_comment: "停用测试" })).status === 200],
  ];
  const round = async (phase: string, expected: "allowed" | "denied") => {
    for (const [action, probe] of probes) {
      ledger.check({
        who: person.label,
        action,
        object: "牯牛坪社区 records, membership suspended and reactivated",
        relation: `membership ${phase}`,
        expected,
        allowed: await probe(),
      });
    }
  };
  await round("active", "allowed");
  const suspended = await rpc(admin.token, "set_membership_status", { p_membership_id: person.membershipId, p_status: "suspended" });
  if (suspended.status !== 200) throw new Error(`suspending failed: ${suspended.text}`);
  await round("suspended", "denied");
  await rpc(admin.token, "set_membership_status", { p_membership_id: person.membershipId, p_status: "active" });
  await round("reactivated", "allowed");
}

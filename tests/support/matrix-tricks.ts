// Ways around the row filter a curious client might try: boolean filters, negation, embedded
// selects in both directions, counts, HEAD, ordering, CSV, singular responses, and the record
// RPCs aimed at records out of scope. Each trick is judged twice on the same request: no row
// outside the holder's expected scope may come back (the denied half), and the rows inside it
// must (the allowed half, its positive control).
import { randomUUID } from "node:crypto";
import { rest, rowsOf, storage, totalOf, type Reply } from "./matrix-api.ts";
import type { MatrixLedger } from "./matrix-ledger.ts";
import { BUCKET, markerOf, sql, TARGET_UNITS, SERVICE_KEYS, type Holder, type MatrixWorld, type TargetRecord } from "./matrix-world.ts";
import { errorCode } from "./matrix-cases.ts";

export type Scope = { visible: Set<string>; hidden: TargetRecord[]; shown: TargetRecord[] };

/** Every record the holder should see, from rows read past RLS and the test's own rules. */
export async function expectedScope(world: MatrixWorld, holder: Holder): Promise<Scope> {
  const rows = await sql<{ id: string; service_id: string; org_unit_id: string; deleted_at: string | null }>(
    "select id, service_id, org_unit_id, deleted_at from public.records",
  );
  // participants keep reading a record after it left their scope (a seeded application the demo
  // staff sent up to the street or county, for one)
  const participated = new Set(
    (await sql<{ record_id: string }>("select record_id from public.record_participants where user_id = $1", [holder.id])).map((p) => p.record_id),
  );
  const visible = new Set(
    rows
      .filter(
        (r) =>
          r.deleted_at === null &&
          world.mayOn(holder.role, r.service_id, "read") &&
          (world.tree.inside(r.org_unit_id, holder.unitId) || participated.has(r.id)),
      )
      .map((r) => r.id),
  );
  const targets = TARGET_UNITS.flatMap((u) => SERVICE_KEYS.map((s) => world.readTargets.get(`${u}/${s}`)!));
  return { visible, hidden: targets.filter((t) => !visible.has(t.id)), shown: targets.filter((t) => visible.has(t.id)) };
}

export class TrickJudge {
  constructor(
    private readonly ledger: MatrixLedger,
    private readonly holder: Holder,
    private readonly scope: Scope,
  ) {}

  /** Record ids that came back through `trick` (any shape): none hidden, every one of `mustShow` present. */
  ids(trick: string, returned: string[], mustShow: string[] = this.scope.shown.map((t) => t.id)): void {
    const leaked = returned.filter((id) => !this.scope.visible.has(id));
    const object = `records via ${trick}`;
    this.ledger.check({
      who: this.holder.label,
      action: "trick",
      object,
      relation: "out of scope",
      expected: "denied",
      allowed: leaked.length > 0,
      detail: leaked.slice(0, 3).join(", "),
    });
    this.ledger.check({
      who: this.holder.label,
      action: "trick",
      object,
      relation: "in scope",
      expected: "allowed",
      allowed: mustShow.every((id) => returned.includes(id)),
    });
  }

  /** A count that came back through `trick` must be the expected one; a count of hidden rows must be 0. */
  count(trick: string, hiddenCount: number | null, visibleCount: number | null, expectedVisible: number): void {
    const object = `count via ${trick}`;
    this.ledger.check({
      who: this.holder.label,
      action: "trick",
      object,
      relation: "out of scope",
      expected: "denied",
      allowed: hiddenCount !== 0,
      detail: `counted ${hiddenCount}`,
    });
    this.ledger.check({
      who: this.holder.label,
      action: "trick",
      object,
      relation: "in scope",
      expected: "allowed",
      allowed: visibleCount === expectedVisible,
      detail: `counted ${visibleCount}, expected ${expectedVisible}`,
    });
  }

  /** An RPC on a hidden record must answer exactly as for a record that does not exist, with none of its data. */
  rpcAnswer(trick: string, onHidden: Reply, onNothing: Reply, hidden: TargetRecord, onShown: Reply, shownWorked: boolean): void {
    const object = `rpc ${trick}`;
    const sameAsNothing = onHidden.status === onNothing.status && errorCode(onHidden.json) === errorCode(onNothing.json);
    const leaked = !sameAsNothing || onHidden.text.includes(markerOf(hidden.service, hidden.data)) || onHidden.text.includes(hidden.id);
    this.ledger.check({
      who: this.holder.label,
      action: "trick",
      object,
      relation: "out of scope",
      expected: "denied",
      allowed: leaked,
      detail: `hidden: HTTP ${onHidden.status} ${errorCode(onHidden.json)}; none: HTTP ${onNothing.status} ${errorCode(onNothing.json)}`,
    });
    this.ledger.check({
      who: this.holder.label,
      action: "trick",
      object,
      relation: "in scope",
      expected: "allowed",
      allowed: shownWorked,
      detail: `HTTP ${onShown.status} ${errorCode(onShown.json)}`,
    });
  }
}

const idsOf = (reply: Reply) => rowsOf<{ id: string }>(reply).map((r) => r.id);

export async function runFilterTricks(world: MatrixWorld, ledger: MatrixLedger, holder: Holder): Promise<void> {
  const scope = await expectedScope(world, holder);
  const judge = new TrickJudge(ledger, holder, scope);
  const token = holder.token;
  const all = [...scope.hidden, ...scope.shown].map((t) => t.id);
  const everything = "&limit=5000";

  judge.ids("or=(…)", idsOf(await rest(token, `/records?select=id&or=(${all.map((id) => `id.eq.${id}`).join(",")})`)));
  judge.ids(
    "or=(…) with and=(…) inside",
    idsOf(await rest(token, `/records?select=id&or=(and(id.in.(${all.join(",")}),deleted_at.is.null),status.eq.__none__)`)),
  );
  judge.ids("not.in", idsOf(await rest(token, `/records?select=id&id=not.in.(${randomUUID()})${everything}`)));
  judge.ids(
    "not.eq on the own unit",
    idsOf(await rest(token, `/records?select=id&org_unit_id=not.eq.${holder.unitId}${everything}`)),
    scope.shown.filter((t) => world.tree.id(t.unitCode) !== holder.unitId).map((t) => t.id),
  );
  judge.ids("not.is.null on deleted_at", idsOf(await rest(token, `/records?select=id&deleted_at=not.is.null${everything}`)), []);
  judge.ids(
    "order on hidden rows",
    idsOf(await rest(token, `/records?select=id&id=in.(${all.join(",")})&order=data->>applicant_name.desc.nullslast,org_unit_id,created_at`)),
  );
  judge.ids("Range: 0-100000", idsOf(await rest(token, "/records?select=id", { headers: { range: "0-100000" } })));

  const eventsEmbedded = rowsOf<{ record_id: string; records: { id: string } | null }>(
    await rest(token, `/record_events?select=*,records(*)&record_id=in.(${all.join(",")})`),
  );
  judge.ids("record_events?select=*,records(*)", [
    ...eventsEmbedded.map((e) => e.record_id),
    ...eventsEmbedded.flatMap((e) => (e.records ? [e.records.id] : [])),
  ]);
  const recordsEmbedded = rowsOf<{ id: string; record_events: { record_id: string }[] }>(
    await rest(token, `/records?select=*,record_events(*)&id=in.(${all.join(",")})`),
  );
  judge.ids("records?select=*,record_events(*)", [
    ...recordsEmbedded.map((r) => r.id),
    ...recordsEmbedded.flatMap((r) => r.record_events.map((e) => e.record_id)),
  ]);
  const unitsEmbedded = rowsOf<{ records: { id: string }[] }>(await rest(token, `/org_units?select=id,records(id)&code=in.(${TARGET_UNITS.join(",")})`));
  judge.ids(
    "org_units?select=records(*)",
    unitsEmbedded.flatMap((u) => u.records.map((r) => r.id)),
  );
  const servicesEmbedded = rowsOf<{ records: { id: string }[] }>(await rest(token, "/services?select=id,records(id)"));
  judge.ids(
    "services?select=records(*)",
    servicesEmbedded.flatMap((s) => s.records.map((r) => r.id)),
  );
  const attachmentsEmbedded = rowsOf<{ record_id: string; records: { id: string } | null }>(
    await rest(token, "/record_attachments?select=record_id,records(id)&limit=5000"),
  );
  judge.ids(
    "record_attachments?select=*,records(*)",
    attachmentsEmbedded.map((a) => a.record_id),
  );
  const csv = await rest(token, `/records?select=id&id=in.(${all.join(",")})`, { headers: { accept: "text/csv" } });
  judge.ids(
    "Accept: text/csv",
    csv.text
      .split("\n")
      .slice(1)
      .map((line) => line.trim())
      .filter(Boolean),
  );

  const hiddenIds = scope.hidden.map((t) => t.id).join(",");
  const exact = { prefer: "count=exact" };
  const hiddenCount = totalOf(await rest(token, `/records?select=id&id=in.(${hiddenIds})&limit=0`, { headers: exact }));
  const allCount = totalOf(await rest(token, "/records?select=id&limit=0", { headers: exact }));
  judge.count("Prefer: count=exact, limit=0", hiddenCount, allCount, scope.visible.size);
  const headHidden = await rest(token, `/records?select=id&id=in.(${hiddenIds})`, { method: "HEAD", headers: exact });
  const headAll = await rest(token, "/records?select=id", { method: "HEAD", headers: exact });
  judge.count("HEAD with count=exact", headHidden.text === "" ? totalOf(headHidden) : -1, headAll.text === "" ? totalOf(headAll) : -1, scope.visible.size);
  const perService = rowsOf<{ records: { count: number }[] }>(await rest(token, "/services?select=id,records(count)"));
  const perServiceHidden = rowsOf<{ records: { count: number }[] }>(await rest(token, `/services?select=id,records(count)&records.id=in.(${hiddenIds})`));
  const sum = (rows: { records: { count: number }[] }[]) => rows.reduce((total, s) => total + (s.records[0]?.count ?? 0), 0);
  judge.count("services?select=records(count)", sum(perServiceHidden), sum(perService), scope.visible.size);

  const hidden = scope.hidden[0];
  const single = await rest(token, `/records?select=*&id=eq.${hidden.id}`, { headers: { accept: "application/vnd.pgrst.object+json" } });
  judge.ids(
    "Accept: vnd.pgrst.object (singular) on a hidden id",
    single.status === 200 ? [hidden.id] : single.text.includes(markerOf(hidden.service, hidden.data)) ? [hidden.id] : [],
    [],
  );
}

/** Storage's other doors to a file: info, signed URLs (one and many), folder listing, the public URL. */
export async function runStorageTricks(world: MatrixWorld, ledger: MatrixLedger, holder: Holder): Promise<void> {
  const scope = await expectedScope(world, holder);
  const hidden = scope.hidden[0].file!;
  const shown = scope.shown[0].file!;
  const check = (object: string, relation: string, expected: "allowed" | "denied", allowed: boolean, detail?: string) =>
    ledger.check({ who: holder.label, action: "storage trick", object, relation, expected, allowed, detail });
  const info = (path: string) => storage(holder.token, `/object/info/authenticated/${BUCKET}/${path}`);
  const sign = (path: string) => storage(holder.token, `/object/sign/${BUCKET}/${path}`, { method: "POST", body: { expiresIn: 60 } });
  for (const [relation, file, expected] of [
    ["out of scope", hidden, "denied"],
    ["in scope", shown, "allowed"],
  ] as const) {
    const about = await info(file.path);
    check("file info", relation, expected, about.status === 200, `HTTP ${about.status}`);
    const signed = await sign(file.path);
    check("signed URL", relation, expected, signed.status === 200, `HTTP ${signed.status}`);
  }
  const many = rowsOf<{ path: string; signedURL: string | null }>(
    await storage(holder.token, `/object/sign/${BUCKET}`, { method: "POST", body: { expiresIn: 60, paths: [hidden.path, shown.path] } }),
  );
  check(
    "signed URLs, many",
    "out of scope",
    "denied",
    many.some((m) => m.path === hidden.path && m.signedURL),
  );
  check(
    "signed URLs, many",
    "in scope",
    "allowed",
    many.some((m) => m.path === shown.path && m.signedURL),
  );
  const folder = (path: string) => path.split("/")[1];
  const listed = rowsOf<{ name: string }>(
    await storage(holder.token, `/object/list/${BUCKET}`, { method: "POST", body: { prefix: `${world.clerk.id}/`, limit: 1000 } }),
  ).map((entry) => entry.name);
  check("folder listing", "out of scope", "denied", listed.includes(folder(hidden.path)));
  check("folder listing", "in scope", "allowed", listed.includes(folder(shown.path)));
  for (const [relation, file] of [
    ["out of scope", hidden],
    ["in scope", shown],
  ] as const) {
    const viaPublic = await storage(holder.token, `/object/public/${BUCKET}/${file.path}`);
    check("public URL (the bucket is private)", relation, "denied", viaPublic.text === file.content, `HTTP ${viaPublic.status}`);
  }
  const viaAuthenticated = await storage(holder.token, `/object/authenticated/${BUCKET}/${shown.path}`);
  check("public URL (the bucket is private)", "in scope, authenticated route", "allowed", viaAuthenticated.text === shown.content);
}

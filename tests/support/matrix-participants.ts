// Participants keep sight (DESIGN §6): the grid worker who files a grid event and escalates it
// to the community reads it afterwards — record, history, attachment index — and is refused
// every write (comment, update_record); a volunteer of the same grid who never took part sees nothing once it has left
// the grid; the community's staff (in scope) are the positive control of each refused write.
// An assignee reads what they were assigned, outside their scope, and writes nothing either.
import { rest, rowsOf, rpc } from "./matrix-api.ts";
import { errorCode } from "./matrix-cases.ts";
import type { MatrixLedger, Verdict } from "./matrix-ledger.ts";
import { answers, CODES, holderLabel, sql, type Holder, type MatrixWorld } from "./matrix-world.ts";

const verdict = (yes: boolean): Verdict => (yes ? "allowed" : "denied");
const placeholder = { path: "matrix/none.jpg", name: "现场.jpg", size: 30000, mime: "image/jpeg" };

async function stored(id: string) {
  return (await sql<{ row_version: number; data: Record<string, unknown> }>("select row_version, data from public.records where id = $1", [id]))[0];
}

/** Every read and write one holder tries on the record; `reads`/`writes`: what they should get. */
async function tryRecord(ledger: MatrixLedger, holder: Holder, object: string, relation: string, id: string, reads: boolean, writes: boolean): Promise<void> {
  const check = (action: string, expected: boolean, allowed: boolean, detail?: string) =>
    ledger.check({ who: holder.label, action, object, relation, expected: verdict(expected), allowed, detail });
  const read = await rest(holder.token, `/records?select=id&id=eq.${id}`);
  check("participant read", reads, rowsOf(read).length === 1, `HTTP ${read.status}`);
  const events = await rest(holder.token, `/record_events?select=id&record_id=eq.${id}`);
  check("participant events", reads, rowsOf(events).length > 0, `HTTP ${events.status}`);
  const counted = await rest(holder.token, `/records?select=id&id=eq.${id}`, { headers: { prefer: "count=exact" } });
  check("participant count", reads, counted.headers.get("content-range")?.endsWith("/1") ?? false, counted.headers.get("content-range") ?? "");

  const before = await stored(id);
  const comment = await rpc(holder.token, "comment_record", { p_id: id, p_comment: "矩阵参与者评论" });
  check("participant comment", writes, comment.status === 200, `HTTP ${comment.status} ${errorCode(comment.json)}`);
  const update = await rpc(holder.token, "update_record", {
    p_id: id,
    p_row_version: before.row_version,
    p_data: { ...before.data, address: `矩阵参与者改写 ${holder.label}` },
  });
  check("participant update", writes, (await stored(id)).row_version > before.row_version, `HTTP ${update.status} ${errorCode(update.json)}`);
  // direct PATCH and delete_record: refused to everyone here alike (tests/db/engine-participants.test.ts)
}

export async function runParticipantCases(world: MatrixWorld, ledger: MatrixLedger): Promise<void> {
  const holder = (label: string) => world.holders.find((h) => h.label === label)!;
  const gridWorker = holder(holderLabel({ role: "grid_worker", unit: CODES.grid1 }));
  const volunteer = holder(holderLabel({ role: "volunteer", unit: CODES.grid1 }));
  const staff = holder(holderLabel({ role: "staff", unit: CODES.community }));

  // 1. the grid worker files an event in their grid, accepts it and escalates it to the community
  const [filed] = await world.insertAs(gridWorker.token, CODES.grid1, [
    { service: "grid_event", data: answers("grid_event", world.tree.id(CODES.grid1), world.marker(), placeholder) },
  ]);
  for (const [step, rowVersion] of [
    ["accept", 1],
    ["escalate_to_community", 2],
  ] as const) {
    const taken = await rpc(gridWorker.token, "transition_record", {
      p_id: filed.id,
      p_row_version: rowVersion,
      p_transition: step,
      p_comment: "矩阵参与者上报",
    });
    if (taken.status !== 200) throw new Error(`grid worker could not ${step}: ${taken.text}`);
  }
  const escalated = `participant-record@${CODES.community}/grid_event`;
  await tryRecord(ledger, gridWorker, escalated, "creator and actor, record escalated out of scope", filed.id, true, false);
  await tryRecord(ledger, volunteer, escalated, "same grid, never took part", filed.id, false, false);
  await tryRecord(ledger, staff, escalated, "in scope", filed.id, true, true);

  // 2. community staff assign an event filed at the community to the grid worker
  const [assignedRecord] = await world.insertAs(world.clerk.token, CODES.community, [
    { service: "grid_event", data: answers("grid_event", world.tree.id(CODES.community), world.marker(), placeholder) },
  ]);
  const assignedObject = `assigned-record@${CODES.community}/grid_event`;
  await tryRecord(ledger, gridWorker, assignedObject, "not yet assigned, out of scope", assignedRecord.id, false, false);
  const assigned = await rpc(staff.token, "assign_record", { p_id: assignedRecord.id, p_row_version: 1, p_assignee: gridWorker.id });
  if (assigned.status !== 200) throw new Error(`staff could not assign: ${assigned.text}`);
  await tryRecord(ledger, gridWorker, assignedObject, "assignee, out of scope", assignedRecord.id, true, false);
  await tryRecord(ledger, volunteer, assignedObject, "same grid, never took part", assignedRecord.id, false, false);
  await tryRecord(ledger, staff, assignedObject, "in scope", assignedRecord.id, true, true);
}

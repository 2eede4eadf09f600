// A/B of the records SELECT policy: as it was before participants (issue 9: scope only) against
// the current one (scope OR participation), as the same staff user who took part in nothing, on
// the same data in the same session, the policies swapped between interleaved blocks; queries
// timed in SQL as PostgREST runs them (role, claims, custom plans), so the machine's load hits
// both alike. Prints medians and both EXPLAINs. Results: docs/benchmarks.md.
//   BENCH_RECORDS=20000 node --import tsx scripts/bench/participant-ab.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "../../supabase/local/ports.ts";
import { startStack } from "../../supabase/local/stack.ts";
import { explainAsUser } from "./explain-as-user.ts";
import { generateRecords } from "./generate-records.ts";
import { signedInStaff } from "./scoped-user.ts";

const TOTAL = Number(process.env.BENCH_RECORDS ?? 20_000);
const NAME = "Users can read records within their scope and records they took part in";
const OLD = `create policy "${NAME}" on public.records for select to authenticated using (
  deleted_at is null
  and service_id = any ((select private.my_scope_services('read'))::uuid[])
  and org_unit_id = any ((select private.my_scope_units('read'))::uuid[])
  and (service_id, org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('read') s))`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "cgs-ab-"));
  const stack = await startStack({
    dataDir,
    host: "127.0.0.1",
    pgPort: await freePort(),
    restPort: await freePort(),
    gatewayPort: await freePort(),
    seed: true,
    reset: true,
    log: () => {},
  });
  const admin = new pg.Client({ connectionString: stack.dbUrl });
  const user = new pg.Client({ connectionString: stack.dbUrl });
  try {
    await admin.connect();
    await user.connect();
    await admin.query("set statement_timeout = 0");
    await generateRecords(admin, { total: TOTAL, scopedUnitCode: "433101007", scopedShare: 0.1, batchSize: 5_000, log: () => {} });
    await admin.query("vacuum (analyze) public.records");
    const staff = await signedInStaff(stack, admin, "433101007");
    const [{ id: service }] = (await admin.query<{ id: string }>("select id from public.services where key = 'grid_event'")).rows;
    const NEW = (
      await admin.query<{ def: string }>(
        "select format('create policy %I on public.records for select to %s using (%s)', polname, 'authenticated', pg_get_expr(polqual, polrelid)) as def from pg_policy where polname = $1",
        [NAME],
      )
    ).rows[0].def;
    const queries = {
      count: "select count(*) from public.records where service_id = $1",
      page: "select * from public.records where service_id = $1 order by created_at desc, id limit 20",
    };
    const times: Record<string, number[]> = {};
    for (let block = 0; block < 8; block++) {
      for (const [label, policy] of block % 2
        ? ([
            ["old", OLD],
            ["new", NEW],
          ] as const)
        : ([
            ["new", NEW],
            ["old", OLD],
          ] as const)) {
        await admin.query(`drop policy "${NAME}" on public.records; ${policy}`);
        await user.query("begin");
        await user.query("set local role authenticated");
        await user.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: staff.id, role: "authenticated" })]);
        await user.query("set local plan_cache_mode = force_custom_plan");
        for (const [q, sql] of Object.entries(queries)) {
          for (let i = 0; i < 25; i++) {
            const began = performance.now();
            await user.query({ text: sql, values: [service], name: `${q}-${label}-${block}` });
            if (i >= 5) (times[`${q} ${label}`] ??= []).push(performance.now() - began);
          }
        }
        await user.query("rollback");
      }
    }
    for (const [label, policy] of [
      ["old", OLD],
      ["new", NEW],
    ] as const) {
      await admin.query(`drop policy "${NAME}" on public.records; ${policy}`);
      for (const [q, sql] of Object.entries(queries)) {
        let plan = "";
        for (let i = 0; i < 4; i++) plan = await explainAsUser(user, staff.id, sql.replace("$1", "$1::uuid"), [service]);
        console.log(`--- ${label} ${q}\n${plan}`);
      }
    }
    await admin.query(`drop policy "${NAME}" on public.records; ${NEW}`);
    console.log(`records: ${TOTAL}; non-participant staff at 433101007; medians of ${times["count new"].length} runs each, SQL, custom plans`);
    for (const q of Object.keys(queries)) {
      const [o, n] = [median(times[`${q} old`]), median(times[`${q} new`])];
      console.log(`| ${q} | ${o.toFixed(2)} | ${n.toFixed(2)} | ${(n / o).toFixed(2)}× |`);
    }
  } finally {
    await user.end().catch(() => {});
    await admin.end().catch(() => {});
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
await main();

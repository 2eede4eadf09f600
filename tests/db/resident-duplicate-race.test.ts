// Two filings for one person and service at the same moment (issue 12, item 6): each runs its
// duplicate check before the other has committed, so without serialisation both would pass and
// the person would hold two open 老年优待证 applications. private.records_validate_eligibility
// takes a transaction-level advisory lock per (service, person): the second filing waits for the
// first and is then refused duplicate_application. Both run as the demo's staff member, the way
// PostgREST runs a request (role authenticated, the member's claims, one transaction each).
import { randomInt } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { elderlyCardData, serviceId, sql, unitId, UNITS } from "../support/engine-fixtures";

async function registerSeventyYearOld(): Promise<{ id: string; idNumber: string }> {
  const first17 = `433101${1950 + randomInt(0, 5)}0${randomInt(1, 10)}1${randomInt(0, 10)}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  const idNumber = first17 + idNumberCheckChar(first17);
  const [{ id }] = await sql<{ id: string }>(
    `insert into public.residents (name, id_number, address, grid_org_unit_id, is_synthetic)
     values ('同时申请', $1, '吉首市吉凤街道牯牛坪社区 9组 2号', $2, true) returning id`,
    [idNumber, await unitId(UNITS.guniupingGrid1)],
  );
  return { id, idNumber };
}

async function staffConnection(staffId: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await client.connect();
  await client.query("begin");
  await client.query("set local role authenticated");
  await client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: staffId, role: "authenticated" })]);
  return client;
}

describe("simultaneous applications for one person", () => {
  it("the second waits for the first and is refused as a duplicate; one record exists", async () => {
    const person = await registerSeventyYearOld();
    const [{ id: staffId }] = await sql<{ id: string }>("select id from auth.users where email = 'staff@demo.local'");
    const data = { ...(await elderlyCardData()), applicant: person.id, applicant_id_number: person.idNumber };
    const insert = "insert into public.records (service_id, org_unit_id, data, status, service_version) values ($1, $2, $3::jsonb, '', 0) returning id";
    const args = [await serviceId("elderly_benefit"), await unitId(UNITS.guniupingGrid1), JSON.stringify(data)];
    const first = await staffConnection(staffId);
    const second = await staffConnection(staffId);
    try {
      const [{ pid }] = (await second.query<{ pid: number }>("select pg_backend_pid() as pid")).rows;
      const filed = await first.query<{ id: string }>(insert, args);
      expect(filed.rows).toHaveLength(1);
      // the second filing starts while the first is not committed yet …
      const racing = second.query(insert, args).then(
        () => "filed",
        (e: Error) => e.message,
      );
      // … and waits on the lock instead of passing its check
      let waiting = false;
      for (let i = 0; i < 200 && !waiting; i++) {
        const [row] = await sql<{ waiting: boolean }>(
          "select exists (select 1 from pg_locks where locktype = 'advisory' and not granted and pid = $1) as waiting",
          [pid],
        );
        waiting = row.waiting;
        if (!waiting) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(waiting).toBe(true);
      await first.query("commit");
      expect(await racing).toBe("duplicate_application");
      await second.query("rollback");
    } finally {
      await first.end();
      await second.end();
    }
    const records = await sql<{ n: number }>("select count(*)::int as n from public.records where resident_id = $1", [person.id]);
    expect(records[0].n).toBe(1);
  });
});

// The caller's scopes are kept for the rest of a transaction (private.scope_cache_get): asked again
// with the same claims and nothing changed, my_scope_units, my_registry_units and
// has_active_membership answer from the cache; other claims, or a write to memberships, grants,
// org units or services in the same transaction, compute them again — so a revoked membership
// or grant is never honoured after its own statement, and a rolled-back change takes its epoch
// back with it. Through one connection, as a PostgREST request (one transaction) would run them.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestWorld, type TestPerson, units } from "../support/access-fixtures";
import { as, sql, unitId } from "../support/engine-fixtures";

const world = new TestWorld();
let worker: TestPerson;
let db: pg.Client;

beforeAll(async () => {
  worker = await world.person("cache-staff", { role: "staff", unitCode: units.guniuping });
  db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await world.cleanup();
});

const claimsOf = (userId: string) => JSON.stringify({ sub: userId, role: "authenticated" });

async function scopes(userId: string) {
  await db.query("select set_config('request.jwt.claims', $1, true)", [claimsOf(userId)]);
  const { rows } = await db.query<{ update: string[]; registry: string[]; member: boolean }>(
    "select private.my_scope_units('update')::text[] as update, private.my_registry_units()::text[] as registry, private.has_active_membership() as member",
  );
  return rows[0]!;
}

describe("scopes cached per transaction", () => {
  it("a membership suspended in the transaction takes the scopes away at once; other claims get their own", async () => {
    const community = await unitId(units.guniuping);
    const [{ id: gridWorker }] = await sql<{ id: string }>("select id from auth.users where email = 'grid@demo.local'");
    await db.query("begin");
    try {
      const before = await scopes(worker.id);
      expect(before.member).toBe(true);
      expect(before.update).toContain(community);
      expect(before.registry).toContain(community);
      // the same claims again: the same answer (from the cache)
      expect(await scopes(worker.id)).toEqual(before);
      // another user in the same transaction: their own scope, not the cached one
      const grid = await scopes(gridWorker);
      expect(grid.update).not.toContain(community);
      expect(grid.update.length).toBeGreaterThan(0);

      await db.query("update public.memberships set status = 'suspended' where user_id = $1", [worker.id]);
      expect(await scopes(worker.id)).toEqual({ update: [], registry: [], member: false });
    } finally {
      await db.query("rollback");
    }
  });

  it("a revoked grant narrows the scope in the same transaction; a rolled-back revocation restores it", async () => {
    const community = await unitId(units.guniuping);
    await db.query("begin");
    try {
      const before = await scopes(worker.id);
      await db.query("savepoint revoke");
      await db.query("delete from public.service_role_grants where role_key = 'staff' and action = 'update'");
      expect((await scopes(worker.id)).update).toEqual([]);
      await db.query("rollback to savepoint revoke");
      const after = await scopes(worker.id);
      expect(after.update).toContain(community);
      expect(after).toEqual(before);
    } finally {
      await db.query("rollback");
    }
  });
});

describe("the cache cannot be planted through the API", () => {
  it("refused: a signed-in user cannot call set_config through the API, and the exposed schema has no function of that name", async () => {
    const staff = await as("staff");
    const planted = await staff.rpc("set_config" as never, { setting_name: "app.scope_cache_units_update", new_value: "x", is_local: true } as never);
    expect(planted.error).toMatchObject({ code: "PGRST202" });
    const [{ n }] = await sql<{ n: number }>(
      "select count(*)::int as n from pg_proc p join pg_namespace s on s.oid = p.pronamespace where s.nspname = 'public' and p.proname = 'set_config'",
    );
    expect(n).toBe(0);
  });
});

// The hosted path, with the real tool: the Supabase CLI (pinned in package.json) runs
// `supabase db push --include-seed` onto a freshly bootstrapped, empty database — as `postgres`
// without superuser rights, like hosted — and must end with the same schema as the local stack.
import pg from "pg";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "../../supabase/local/migrate.ts";
import { freePort } from "../../supabase/local/ports.ts";
import { startPostgres, type RunningPostgres } from "../../supabase/local/postgres.ts";
import { projectRoot } from "../../supabase/local/stack.ts";

const run = promisify(execFile);
const PASSWORD = "push-check-password";

// One line per schema object the migrations make, with a digest of its definition.
const SCHEMA_DIGEST = `
  select 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' rls=' || c.relrowsecurity::text
         || ' acl=' || coalesce(c.relacl::text, '') || ' cols=' ||
         coalesce((select string_agg(a.attname || ':' || format_type(a.atttypid, a.atttypmod) || ':' || a.attnotnull::text
                                     || ':' || coalesce(pg_get_expr(d.adbin, d.adrelid), ''), ',' order by a.attnum)
                     from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '') as line
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname in ('public', 'private') and c.relkind in ('r', 'v', 'm', 'S', 'p')
  union all
  select 'function ' || p.oid::regprocedure::text || ' ' || md5(pg_get_functiondef(p.oid)) || ' acl=' || coalesce(p.proacl::text, '')
    from pg_proc p where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
  union all
  select 'policy ' || schemaname || '.' || tablename || ' ' || policyname || ' ' || cmd || ' ' || roles::text || ' '
         || md5(coalesce(qual, '') || '|' || coalesce(with_check, ''))
    from pg_policies
  union all
  select 'trigger ' || t.tgrelid::regclass::text || ' ' || t.tgname || ' ' || md5(pg_get_triggerdef(t.oid))
    from pg_trigger t where not t.tgisinternal
  union all
  select 'index ' || schemaname || '.' || indexname || ' ' || md5(indexdef) from pg_indexes where schemaname in ('public', 'private')
  union all
  select 'setting ' || r.rolname || ' ' || array_to_string(s.setconfig, ',')
    from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
  union all
  select 'migration ' || version || '_' || name from supabase_migrations.schema_migrations
  order by 1`;

async function digest(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ line: string }>(SCHEMA_DIGEST)).rows.map((r) => r.line);
  } finally {
    await client.end();
  }
}

let dir: string;
let empty: RunningPostgres;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cgs-push-"));
  empty = await startPostgres({ dir: join(dir, "pg"), port: await freePort(), password: PASSWORD, log: () => {} });
  await bootstrap({ adminDbUrl: empty.adminUrl, dbPassword: PASSWORD, authenticatorPassword: "push-check-authenticator", root: projectRoot, fresh: true });
});

afterAll(async () => {
  await empty?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("supabase db push (the real CLI) onto an empty database", () => {
  it("applies every migration and the seed as a non-superuser postgres, and yields the local stack's schema", async () => {
    const { stdout, stderr } = await run("npx", ["supabase", "db", "push", "--db-url", `${empty.url}?sslmode=disable`, "--include-seed", "--yes"], {
      cwd: projectRoot,
      env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
    });
    expect(`${stdout}${stderr}`).toContain("Finished supabase db push");

    const pushed = await digest(empty.url);
    const local = await digest(process.env.SUPABASE_DB_URL!);
    expect(pushed.length).toBeGreaterThan(200);
    expect(pushed.filter((line) => !local.includes(line))).toEqual([]);
    expect(local.filter((line) => !pushed.includes(line))).toEqual([]);

    const client = new pg.Client({ connectionString: empty.url });
    await client.connect();
    const seeded = (
      await client.query<{ units: number; services: number }>(
        "select (select count(*) from public.org_units)::int as units, (select count(*) from public.services)::int as services",
      )
    ).rows[0];
    await client.end();
    expect(seeded.units).toBeGreaterThan(100);
    expect(seeded.services).toBeGreaterThanOrEqual(4);
  }, 180_000);
});

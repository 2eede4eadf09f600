// One home per function: every function of `public` and `private` in the live database has its
// routine file (supabase/routines/<schema>/<name>.sql) and every file's functions exist; running
// a file's text changes nothing (definition, privileges, comment), so the live body is the file.
// Runs each file inside a transaction that is rolled back.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRoutines } from "../../scripts/migration-writer.ts";
import { projectRoot } from "../../supabase/local/stack.ts";

type LiveFunction = { routine: string; signature: string; definition: string; acl: string; comment: string | null };

const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
beforeAll(() => db.connect());
afterAll(() => db.end());

const routines = readRoutines(projectRoot);
const FIX = "edit the routine file, then npm run db:migration -- <verb_object> and npm run db:reset";

/** Functions and trigger functions of public/private (extensions' own excluded), keyed by routine path. */
async function liveFunctions(routine?: string): Promise<LiveFunction[]> {
  const { rows } = await db.query<LiveFunction>(
    `select 'supabase/routines/' || n.nspname || '/' || p.proname || '.sql' as routine,
            p.oid::regprocedure::text as signature, pg_get_functiondef(p.oid) as definition,
            coalesce(p.proacl::text, '') as acl, obj_description(p.oid, 'pg_proc') as comment
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ('public', 'private') and p.prokind in ('f', 'p')
        and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
        and ($1::text is null or 'supabase/routines/' || n.nspname || '/' || p.proname || '.sql' = $1)
      order by 1, 2`,
    [routine ?? null],
  );
  return rows;
}

describe("supabase/routines", () => {
  it("holds a file for every live function and no file without one", async () => {
    const live = new Set((await liveFunctions()).map((f) => f.routine));
    const files = new Set(routines.map((r) => r.path));
    expect(
      [...live].filter((path) => !files.has(path)),
      "live functions without a routine file",
    ).toEqual([]);
    expect(
      [...files].filter((path) => !live.has(path)),
      "routine files whose function does not exist",
    ).toEqual([]);
  });

  it("names in each file only the function of its path, with create or replace", () => {
    const wrong = routines.flatMap(({ path, text }) => {
      const [, schema, name] = /supabase\/routines\/([a-z_]+)\/([a-z0-9_]+)\.sql$/.exec(path) ?? [];
      const created = [...text.matchAll(/^\s*create\s+(or\s+replace\s+)?function\s+([a-z_]+)\.([a-z0-9_]+)\s*\(/gim)];
      if (created.length === 0) return [`${path}: no create or replace function`];
      return created.filter(([, orReplace, s, n]) => !orReplace || s !== schema || n !== name).map(([statement]) => `${path}: ${statement.trim()}`);
    });
    expect(wrong).toEqual([]);
  });

  it("matches the live database: running each file leaves every definition, grant and comment as it was", async () => {
    const drift: string[] = [];
    for (const { path, text } of routines) {
      await db.query("begin");
      try {
        const before = await liveFunctions(path);
        await db.query(text);
        const after = await liveFunctions(path);
        if (JSON.stringify(after) !== JSON.stringify(before)) {
          const changed = after.filter((f) => JSON.stringify(f) !== JSON.stringify(before.find((b) => b.signature === f.signature)));
          drift.push(`${path}: ${changed.map((f) => f.signature).join(", ") || "a function went missing"} differs from the live database`);
        }
      } catch (e) {
        drift.push(`${path}: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        await db.query("rollback");
      }
    }
    expect(drift, FIX).toEqual([]);
  });
});

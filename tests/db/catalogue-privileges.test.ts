// Least privilege and hosted parity, read from the catalogue: what the API roles may do is
// exactly what the migrations grant (no default privileges), anon may do nothing, nobody may
// TRUNCATE or forge history, every table, view and RPC the SPA names is granted, and no routine
// would trip hosted's `safeupdate`.
import pg from "pg";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../supabase/local/stack.ts";
import { signedIn } from "../support/access-fixtures.ts";

const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
beforeAll(() => db.connect());
afterAll(() => db.end());

async function rows<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(text, values)).rows;
}

const API_ROLES = ["anon", "authenticated", "service_role"] as const;
// Public RPCs a visitor without an account must reach (an invitation's landing page).
const ANON_RPCS = new Set(["invitation_preview"]);

/** Every relation in `public` with the table privileges each API role holds on it (table or column level). */
async function privileges() {
  return rows<{ relname: string; relkind: string; role: string; privs: string[] }>(
    `
    select c.relname, c.relkind::text, r.role,
           array(select p from unnest(array['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) p
                  where has_table_privilege(r.role, c.oid, p)
                     or (p in ('SELECT','INSERT','UPDATE','REFERENCES') and has_any_column_privilege(r.role, c.oid, p))) as privs
      from pg_class c
      cross join unnest($1::text[]) r(role)
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'm', 'p', 'S')`,
    [API_ROLES],
  );
}

/** String literals naming a table, view or RPC anywhere in the SPA's source (not the generated
 * src/data/database.types.ts, which names everything in public whether the SPA uses it or not). */
function namesInSource(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry) && entry !== "database.types.ts")
        for (const m of readFileSync(path, "utf8").matchAll(/["'`]([a-z][a-z0-9_]*)["'`]/g)) found.add(m[1]);
    }
  };
  walk(join(projectRoot, "src"));
  return found;
}

describe("the catalogue grants exactly what the API needs", () => {
  it("has no default privileges in public: every grant comes from a migration", async () => {
    const defaults = await rows("select defaclrole::regrole::text from pg_default_acl where defaclnamespace = 'public'::regnamespace");
    expect(defaults).toEqual([]);
  });

  it("gives anon nothing in public, and no API role TRUNCATE, REFERENCES or TRIGGER", async () => {
    const all = await privileges();
    expect(all.length).toBeGreaterThan(10);
    const anon = all.filter((r) => r.role === "anon" && r.privs.length > 0).map((r) => `${r.relname}: ${r.privs.join(",")}`);
    expect(anon).toEqual([]);
    const ddlLike = all.flatMap((r) => r.privs.filter((p) => ["TRUNCATE", "REFERENCES", "TRIGGER"].includes(p)).map((p) => `${r.role} ${p} ${r.relname}`));
    expect(ddlLike).toEqual([]);
  });

  it("lets no API role write a table the database keeps append-only", async () => {
    // Append-only = guarded by a trigger that refuses every change.
    const appendOnly = await rows<{ relname: string }>(`
      select distinct c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
       where c.relnamespace = 'public'::regnamespace and not t.tgisinternal and p.proname like 'refuse\\_%change%'`);
    expect(appendOnly.map((r) => r.relname)).toEqual(expect.arrayContaining(["record_events", "audit_log"]));
    const writes = (await privileges())
      .filter((r) => appendOnly.some((a) => a.relname === r.relname))
      .flatMap((r) => r.privs.filter((p) => p !== "SELECT").map((p) => `${r.role} ${p} ${r.relname}`));
    expect(writes).toEqual([]);
  });

  it("grants every table, view and RPC the SPA names to signed-in users", async () => {
    const named = namesInSource();
    const relations = (await privileges()).filter((r) => r.role === "authenticated" && r.relkind !== "S" && named.has(r.relname));
    expect(relations.map((r) => r.relname)).toEqual(expect.arrayContaining(["records", "services", "org_units", "members"]));
    expect(relations.filter((r) => !r.privs.includes("SELECT")).map((r) => r.relname)).toEqual([]);
    const functions = await rows<{ proname: string; granted: boolean }>(`
      select p.proname, has_function_privilege('authenticated', p.oid, 'execute') as granted
        from pg_proc p where p.pronamespace = 'public'::regnamespace`);
    const used = functions.filter((f) => named.has(f.proname));
    expect(used.map((f) => f.proname)).toEqual(expect.arrayContaining(["my_context", "transition_record"]));
    expect(used.filter((f) => !f.granted).map((f) => f.proname)).toEqual([]);
  });

  it("lets anon call no public function except an invitation's preview", async () => {
    const callable = await rows<{ proname: string }>(`
      select p.proname from pg_proc p
       where p.pronamespace = 'public'::regnamespace and has_function_privilege('anon', p.oid, 'execute')`);
    expect(callable.map((f) => f.proname).filter((name) => !ANON_RPCS.has(name))).toEqual([]);
  });
});

describe("safeupdate, as hosted loads it for the Data API", () => {
  it("refuses a PATCH or DELETE with no filter through the API, and passes a filtered one", async () => {
    const staff = await signedIn("staff@demo.local");
    const everything = await staff.from("records").update({ assignee: null }).neq("id", "00000000-0000-0000-0000-000000000000");
    expect(everything.error?.code).not.toBe("21000");
    const token = (await staff.auth.getSession()).data.session!.access_token;
    for (const method of ["PATCH", "DELETE"]) {
      const response = await fetch(`${process.env.SUPABASE_URL}/rest/v1/records`, {
        method,
        headers: { apikey: process.env.SUPABASE_ANON_KEY!, authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: method === "PATCH" ? JSON.stringify({ assignee: null }) : undefined,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "21000", message: `${method === "PATCH" ? "UPDATE" : "DELETE"} requires a WHERE clause` });
    }
  });

  it("finds no UPDATE or DELETE without a WHERE clause in any routine body", async () => {
    const routines = await rows<{ name: string; src: string }>(`
      select p.oid::regprocedure::text as name, p.prosrc as src from pg_proc p
       where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace) and p.prolang in (select oid from pg_language where lanname in ('sql', 'plpgsql'))`);
    expect(routines.length).toBeGreaterThan(20);
    const unqualified = routines.flatMap((r) =>
      r.src
        .replace(/--[^\n]*/g, "")
        .split(";")
        .filter((statement) => {
          const write = /\b(update\s+(only\s+)?[a-z_."]+(\s+(as\s+)?[a-z_]+)?\s+set\b|delete\s+from\b)/i.exec(statement);
          return write !== null && !/\bwhere\b/i.test(statement.slice(write.index));
        })
        .map((statement) => `${r.name}: ${statement.trim().slice(0, 80)}`),
    );
    expect(unqualified).toEqual([]);
  });
});

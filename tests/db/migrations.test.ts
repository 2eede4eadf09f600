// The local stack's bookkeeping: migrations recorded like the Supabase CLI does, and a
// second run applies nothing and changes nothing.
import pg from "pg";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migrate } from "../../supabase/local/migrate.ts";
import { projectRoot } from "../../supabase/local/stack.ts";

const dbUrl = process.env.SUPABASE_DB_URL!;

describe("migrations", () => {
  it("records every migration file once in supabase_migrations.schema_migrations", async () => {
    const files = readdirSync(`${projectRoot}/supabase/migrations`).filter((f) => f.endsWith(".sql"));
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; name: string }>(
        "select version, name from supabase_migrations.schema_migrations order by version",
      );
      expect(rows.map((r) => `${r.version}_${r.name}.sql`)).toEqual(files.sort());
    } finally {
      await client.end();
    }
  });

  it("re-running the migrations is a no-op", async () => {
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    const snapshot = async () =>
      (
        await client.query(
          "select (select count(*) from public.org_units) units, (select count(*) from auth.users) users, (select count(*) from supabase_migrations.schema_migrations) migrations",
        )
      ).rows[0];
    try {
      const before = await snapshot();
      const result = await migrate({
        dbUrl,
        adminDbUrl: process.env.SUPABASE_ADMIN_DB_URL!,
        dbPassword: await currentKey("dbPassword"),
        root: projectRoot,
        fresh: false,
        seed: true,
        authenticatorPassword: await currentKey("authenticatorPassword"),
        log: () => {},
      });
      expect(result).toEqual({ applied: [], seeded: false });
      expect(await snapshot()).toEqual(before);
    } finally {
      await client.end();
    }
  });
});

async function currentKey(name: "authenticatorPassword" | "dbPassword"): Promise<string> {
  const { readFileSync } = await import("node:fs");
  return JSON.parse(readFileSync(`${process.env.SUPABASE_DATA_DIR}/keys.json`, "utf8"))[name];
}

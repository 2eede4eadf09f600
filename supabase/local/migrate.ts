// Brings a database to the state hosted Supabase would be in: the bootstrap (what the
// platform provides) on a fresh database, then every migration once, recorded in the
// Supabase CLI's own bookkeeping table, then the seed on a fresh database only.
import pg from "pg";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type MigrateOptions = { dbUrl: string; root: string; fresh: boolean; seed: boolean; authenticatorPassword: string; log: (line: string) => void };
export type MigrateResult = { applied: string[]; seeded: boolean };

const MIGRATION_FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export async function migrate(o: MigrateOptions): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: o.dbUrl });
  await client.connect();
  try {
    if (o.fresh) {
      const dir = join(o.root, "supabase/local/bootstrap");
      for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
        await inTransaction(client, readFileSync(join(dir, file), "utf8"), `bootstrap ${file}`);
      }
    }
    await client.query(`alter role authenticator with login password '${o.authenticatorPassword.replace(/'/g, "''")}'`);
    await client.query(`create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (version text not null primary key, statements text[], name text)`);
    const done = new Set((await client.query<{ version: string }>("select version from supabase_migrations.schema_migrations")).rows.map((r) => r.version));
    const applied: string[] = [];
    const dir = join(o.root, "supabase/migrations");
    for (const file of readdirSync(dir).sort()) {
      const match = MIGRATION_FILE.exec(file);
      if (!match) {
        if (file.endsWith(".sql")) throw new Error(`迁移文件名不合规 / migration file name must be YYYYMMDDHHmmss_name.sql: ${file}`);
        continue;
      }
      const [, version, name] = match;
      if (done.has(version)) continue;
      const sql = readFileSync(join(dir, file), "utf8");
      await inTransaction(client, sql, `migration ${file}`, async () => {
        await client.query("insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)", [version, [sql], name]);
      });
      applied.push(file);
      o.log(`applied ${file}`);
    }
    // Same order as supabase/config.toml [db.seed] sql_paths: seed.sql, then seed/*.sql.
    const seedDir = join(o.root, "supabase/seed");
    const seedFiles = [
      join(o.root, "supabase/seed.sql"),
      ...(existsSync(seedDir) ? readdirSync(seedDir).filter((f) => f.endsWith(".sql")).sort().map((f) => join(seedDir, f)) : []),
    ].filter((f) => existsSync(f));
    const seeded = o.fresh && o.seed && seedFiles.length > 0;
    if (seeded) for (const file of seedFiles) await inTransaction(client, readFileSync(file, "utf8"), `seed ${file.slice(o.root.length + 1)}`);
    return { applied, seeded };
  } finally {
    await client.end();
  }
}

async function inTransaction(client: pg.Client, sql: string, what: string, after?: () => Promise<void>): Promise<void> {
  await client.query("begin");
  try {
    await client.query(sql);
    await after?.();
    await client.query("commit");
  } catch (e) {
    await client.query("rollback");
    const detail = e instanceof Error ? e.message : String(e);
    throw new Error(`${what} 失败 / failed: ${detail}`);
  }
}

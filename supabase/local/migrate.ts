// Brings a database to the state hosted Supabase would be in: the bootstrap (what the
// platform provides) on a fresh database, as the superuser; then every migration once, recorded
// in the Supabase CLI's own bookkeeping table, then the seed on a fresh database only — both as
// `postgres` with hosted's rights (no superuser, no objects in `auth`/`storage`), exactly as
// `supabase db push` runs them, so a migration that only works as superuser fails here first.
import pg from "pg";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type MigrateOptions = {
  dbUrl: string;
  adminDbUrl: string;
  dbPassword: string;
  root: string;
  fresh: boolean;
  seed: boolean;
  authenticatorPassword: string;
  log: (line: string) => void;
};
export type MigrateResult = { applied: string[]; seeded: boolean };

const MIGRATION_FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export async function migrate(o: MigrateOptions): Promise<MigrateResult> {
  await bootstrap(o);
  const client = new pg.Client({ connectionString: o.dbUrl });
  await client.connect();
  try {
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
      ...(existsSync(seedDir)
        ? readdirSync(seedDir)
            .filter((f) => f.endsWith(".sql"))
            .sort()
            .map((f) => join(seedDir, f))
        : []),
    ].filter((f) => existsSync(f));
    const seeded = o.fresh && o.seed && seedFiles.length > 0;
    if (seeded) for (const file of seedFiles) await inTransaction(client, readFileSync(file, "utf8"), `seed ${file.slice(o.root.length + 1)}`);
    return { applied, seeded };
  } finally {
    await client.end();
  }
}

const quoted = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** What the platform does before any migration: roles, `auth`, `storage`; logins' passwords. */
export async function bootstrap(o: Pick<MigrateOptions, "adminDbUrl" | "dbPassword" | "authenticatorPassword" | "root" | "fresh">): Promise<void> {
  const admin = new pg.Client({ connectionString: o.adminDbUrl });
  await admin.connect().catch((e: unknown) => {
    throw new Error(
      `无法以超级用户连接数据库，本地数据库可能由旧版本创建，请运行 npm run db:reset / ` +
        `cannot connect as the superuser; the local database was probably made by an older version: run npm run db:reset (${e instanceof Error ? e.message : String(e)})`,
    );
  });
  try {
    if (o.fresh) {
      const dir = join(o.root, "supabase/local/bootstrap");
      for (const file of readdirSync(dir)
        .filter((f) => f.endsWith(".sql"))
        .sort()) {
        await inTransaction(admin, readFileSync(join(dir, file), "utf8"), `bootstrap ${file}`);
      }
    }
    await admin.query(`alter role postgres with login password ${quoted(o.dbPassword)}`);
    await admin.query(`alter role authenticator with login password ${quoted(o.authenticatorPassword)}`);
  } finally {
    await admin.end();
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

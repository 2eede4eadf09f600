// What `npm run db:migration` writes: a timestamped migration with a header to fill in, room
// for hand-written DDL, and a verbatim copy of every routine file (supabase/routines/<schema>/
// <name>.sql) whose text differs from its last copy in the migration history. Routines are
// Flyway's repeatable migrations made to fit `supabase db push`: the copy is plain SQL in an
// ordinary migration, so the CLI and the hosted database need nothing new.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const MIGRATION_NAME = /^[a-z][a-z0-9_]*$/;
const MIGRATION_FILE = /^(\d{14})_[a-z0-9_]+\.sql$/;
// A routine's copy inside a migration: between these two lines, exactly the file's text.
const ROUTINE_COPY = /^-- routine: (\S+)\n([\s\S]*?)^-- end routine$/gm;

export type Routine = { path: string; text: string };
export type WrittenMigration = { file: string; routines: string[] };

/** Every routine file, as `supabase/routines/<schema>/<name>.sql` with its text, sorted by path. */
export function readRoutines(root: string): Routine[] {
  const dir = join(root, "supabase/routines");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((schema) =>
      readdirSync(join(dir, schema.name))
        .filter((file) => file.endsWith(".sql"))
        .map((file) => `supabase/routines/${schema.name}/${file}`),
    )
    .sort()
    .map((path) => {
      const text = readFileSync(join(root, path), "utf8");
      // The copy ends at the line "-- end routine": the file's last line must be complete.
      if (!text.endsWith("\n")) throw new Error(`${path} 须以换行结尾 / must end with a newline`);
      return { path, text };
    });
}

/** The migration files in the order they are applied. */
export function migrationFiles(root: string): string[] {
  const dir = join(root, "supabase/migrations");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => MIGRATION_FILE.test(file))
        .sort()
    : [];
}

/** For each routine path, the text of its latest copy in the migration history. */
export function lastRoutineCopies(root: string): Map<string, string> {
  const copies = new Map<string, string>();
  for (const file of migrationFiles(root)) {
    const sql = readFileSync(join(root, "supabase/migrations", file), "utf8");
    for (const [, path, text] of sql.matchAll(ROUTINE_COPY)) copies.set(path, text);
  }
  return copies;
}

/** Routine files whose text is not what the migrations last carried (or that they never carried). */
export function changedRoutines(root: string): Routine[] {
  const copies = lastRoutineCopies(root);
  return readRoutines(root).filter((routine) => copies.get(routine.path) !== routine.text);
}

/** `YYYYMMDDHHmmss` in UTC, one second after the newest migration if the clock is behind it. */
export function migrationVersion(root: string, now: Date): string {
  const newest = migrationFiles(root).at(-1)?.slice(0, 14);
  let version = stamp(now);
  if (newest && version <= newest) version = stamp(new Date(parseStamp(newest).getTime() + 1000));
  return version;
}

export function renderMigration(name: string, routines: Routine[]): string {
  const carried = routines.length
    ? routines.map((routine) => `-- routine: ${routine.path}\n${routine.text}-- end routine\n`).join("\n")
    : "-- No routine changed since the last migration.\n";
  return `-- TODO: why this migration (${name.replace(/_/g, " ")}): what changes for whom, and why now.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- \`npm run db:migration\`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

${carried}
-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
`;
}

/** Writes supabase/migrations/<version>_<name>.sql; refuses a name that is not verb_object style. */
export function writeMigration(root: string, name: string, now = new Date()): WrittenMigration {
  if (!MIGRATION_NAME.test(name)) {
    throw new Error(
      `迁移名称须为小写字母开头的 snake_case（如 add_resident_tags）/ the migration name must match ${MIGRATION_NAME} (e.g. add_resident_tags): "${name}"`,
    );
  }
  const routines = changedRoutines(root);
  const file = `supabase/migrations/${migrationVersion(root, now)}_${name}.sql`;
  writeFileSync(join(root, file), renderMigration(name, routines), { flag: "wx" });
  return { file, routines: routines.map((routine) => routine.path) };
}

function stamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

function parseStamp(version: string): Date {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, i) => Number(version.slice(at, at + (i === 0 ? 4 : 2))));
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

// The migration writer behind `npm run db:migration`, on a throw-away project folder: a routine
// is carried when its text differs from its last copy in the history (or has none), and only then.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { changedRoutines, readRoutines, renderMigration, writeMigration } from "../../scripts/migration-writer.ts";
import { projectRoot } from "../../supabase/local/stack.ts";

const FOO = "-- Why foo.\ncreate or replace function private.foo() returns int\nlanguage sql immutable as $$ select 1 $$;\n";
const BAR = "create or replace function public.bar() returns int\nlanguage sql immutable as $$ select 2 $$;\n";
const NOW = new Date(Date.UTC(2026, 11, 1, 8, 30, 5));

let root: string;
const put = (path: string, text: string) => {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), text);
};
const migrations = () => readdirSync(join(root, "supabase/migrations")).sort();
const read = (file: string) => readFileSync(join(root, file), "utf8");

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cgs-db-migration-"));
  put("supabase/routines/private/foo.sql", FOO);
  put("supabase/routines/public/bar.sql", BAR);
  put(
    "supabase/migrations/20261126000100_create_foo.sql",
    `create table t (id int);\n\n${renderMigration("create_foo", [{ path: "supabase/routines/private/foo.sql", text: FOO }])}`,
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("npm run db:migration", () => {
  it("carries a routine that no migration holds yet, and not one whose last copy is its text", () => {
    expect(changedRoutines(root).map((r) => r.path)).toEqual(["supabase/routines/public/bar.sql"]);
    const written = writeMigration(root, "add_bar", NOW);
    expect(written).toEqual({ file: "supabase/migrations/20261201083005_add_bar.sql", routines: ["supabase/routines/public/bar.sql"] });
    const sql = read(written.file);
    expect(sql).toContain(`-- routine: supabase/routines/public/bar.sql\n${BAR}-- end routine\n`);
    expect(sql).not.toContain("private.foo");
    expect(sql).toMatch(/^-- TODO: why this migration/);
    expect(changedRoutines(root)).toEqual([]);
  });

  it("carries a routine again when its file changes, compared with its latest copy", () => {
    writeMigration(root, "add_bar", NOW);
    const changed = FOO.replace("select 1", "select 10");
    put("supabase/routines/private/foo.sql", changed);
    expect(changedRoutines(root).map((r) => r.path)).toEqual(["supabase/routines/private/foo.sql"]);
    const written = writeMigration(root, "change_foo", new Date(NOW.getTime() + 60_000));
    expect(read(written.file)).toContain(`-- routine: supabase/routines/private/foo.sql\n${changed}-- end routine\n`);
    put("supabase/routines/private/foo.sql", FOO);
    // Back to the first text: the latest copy is the changed one, so it is carried again.
    expect(changedRoutines(root).map((r) => r.path)).toEqual(["supabase/routines/private/foo.sql"]);
  });

  it("with nothing changed, writes only the header and the DDL skeleton", () => {
    writeMigration(root, "add_bar", NOW);
    const written = writeMigration(root, "index_records", new Date(NOW.getTime() + 60_000));
    expect(written.routines).toEqual([]);
    const sql = read(written.file);
    expect(sql).toContain("-- No routine changed since the last migration.");
    expect(sql).not.toMatch(/^-- routine: /m);
    expect(sql).toContain("-- Hand-written DDL");
  });

  it("refuses a name that is not lower-case verb_object, and writes nothing", () => {
    for (const name of ["Add_bar", "add-bar", "1_add_bar", "add bar", "", "_add", "添加"]) {
      expect(() => writeMigration(root, name, NOW), name).toThrow(/must match/);
    }
    expect(migrations()).toEqual(["20261126000100_create_foo.sql"]);
  });

  it("stamps the UTC time, or one second after the newest migration when the clock is behind it", () => {
    expect(writeMigration(root, "add_bar", new Date(Date.UTC(2026, 10, 1))).file).toBe("supabase/migrations/20261126000101_add_bar.sql");
  });
});

describe("this repository", () => {
  it("carries every routine file's current text in its migrations (else: npm run db:migration -- <verb_object>)", () => {
    expect(readRoutines(projectRoot).length).toBeGreaterThan(100);
    expect(changedRoutines(projectRoot).map((r) => r.path)).toEqual([]);
  });
});

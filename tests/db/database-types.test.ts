// src/data/database.types.ts is what the SPA's client is typed with: regenerated in memory from
// this stack's database (built from the migrations), it must equal the committed file, or a
// column, view or RPC the code relies on has changed without the types following.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { databaseTypesPath, renderDatabaseTypes } from "../../scripts/db-types.ts";

describe("src/data/database.types.ts", () => {
  it("matches the database the migrations build (run: npm run db:types)", async () => {
    const generated = await renderDatabaseTypes(process.env.SUPABASE_DB_URL!);
    expect(readFileSync(databaseTypesPath, "utf8")).toBe(generated);
  });

  it("types the tables, views and RPCs the SPA uses", async () => {
    const generated = await renderDatabaseTypes(process.env.SUPABASE_DB_URL!);
    for (const name of ["records:", "service_versions:", "profiles:", "my_context:", "update_record:", "list_audit_events:"]) {
      expect(generated).toContain(name);
    }
  });
});

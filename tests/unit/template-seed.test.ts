import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderTemplateSeed, templateSeedPath } from "../../scripts/generate-template-seed";

describe("supabase/seed/20_service_templates.sql", () => {
  it("is generated from the current resources/services/*.json (run: node --import tsx scripts/generate-template-seed.ts)", () => {
    expect(readFileSync(templateSeedPath, "utf8")).toBe(renderTemplateSeed());
  });

  it("installs every template", () => {
    const sql = renderTemplateSeed();
    for (const key of ["elderly_benefit", "grid_event", "veteran_card"]) expect(sql).toContain(`"key": "${key}"`);
  });
});

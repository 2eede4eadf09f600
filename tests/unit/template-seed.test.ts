import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_SERVICES, projectRoot, renderTemplateSeed, templateSeedPath } from "../../scripts/generate-template-seed";

describe("supabase/seed/20_service_templates.sql", () => {
  it("is generated from the current resources/services/*.json (run: node --import tsx scripts/generate-template-seed.ts)", () => {
    expect(readFileSync(templateSeedPath, "utf8")).toBe(renderTemplateSeed());
  });

  it("installs the demo's four services and leaves the gallery's others to an administrator", () => {
    const sql = renderTemplateSeed();
    const installed = [...sql.matchAll(/^select private\.install_service_template\(\$template\$\{\n {2}"key": "([a-z_]+)"/gm)].map((m) => m[1]);
    expect(installed.sort()).toEqual(["elderly_benefit", "grid_event", "resident_proposal", "veteran_card"]);
    expect([...DEMO_SERVICES].sort()).toEqual(installed.sort());
    const gallery = readdirSync(join(projectRoot, "resources/services")).map((file) => file.replace(/\.json$/, ""));
    for (const key of ["disability_service", "social_assistance", "volunteer_activity"]) {
      expect(gallery).toContain(key);
      expect(sql).not.toContain(`"key": "${key}"`);
    }
    // the community-built service belongs to its community
    expect(sql).toMatch(/居民议事 \(resident_proposal\.json\), owned by 433101009001/);
  });
});

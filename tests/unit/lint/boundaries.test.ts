// The import direction of DESIGN.md §3 is a lint rule, not goodwill: this proves the rule bites.
// ESLint's Node API lints a one-line module placed (virtually, by filePath) in one folder of src/
// that imports a real module of another; the config is the repository's eslint.config.js.
import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function problems(filePath: string, code: string, ruleId: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

const importing = (specifier: string) => `import * as target from "${specifier}";\nexport const probe = target;\n`;

describe("import boundaries (DESIGN.md §3)", () => {
  // [from file, import, allowed]
  const cases: [string, string, boolean][] = [
    // the pair the rule exists for: services know nothing of views, views may use services
    ["src/services/probe.ts", "@/views/serviceRoutes", false],
    ["src/services/probe.ts", "../views/serviceRoutes", false],
    ["src/views/probe.ts", "@/services/schema", true],
    // services and field-types know nothing of each other, nor of pages, views or data
    ["src/services/probe.ts", "@/field-types", false],
    ["src/field-types/probe.ts", "@/services/schema", false],
    ["src/field-types/probe.ts", "@/i18n", false],
    ["src/field-types/probe.ts", "@/contract", true],
    // contract is the leaf; lib knows nothing of the app, services or i18n
    ["src/contract/probe.ts", "@/data/client", false],
    ["src/lib/probe.ts", "@/i18n", false],
    ["src/lib/probe.ts", "@/services/schema", false],
    ["src/lib/probe.ts", "@/contract", true],
    // the data layer sits under views and pages
    ["src/data/probe.ts", "@/views/serviceRoutes", false],
    ["src/data/probe.ts", "@/data/client", true],
    ["src/data/probe.ts", "@/lib/supabase/errors", true],
    ["src/data/probe.ts", "@/field-types", false],
    ["src/data/probe.ts", "@/services/schema", false],
    ["src/lib/probe.ts", "@/data/client", false],
    ["src/components/probe.ts", "@/data/myContext", false],
    ["src/views/probe.ts", "@/data/records", true],
    ["src/pages/probe.ts", "@/data/memberAdmin", true],
    // nothing imports the composition root; it imports everything
    ["src/pages/probe.ts", "@/app/resources", false],
    ["src/views/probe.ts", "@/app/resources", false],
    ["src/app/probe.ts", "@/pages/home/HomePage", true],
    // views are generic: they never import a hand-built page
    ["src/views/probe.ts", "@/pages/home/HomePage", false],
    ["src/components/probe.ts", "@/field-types", false],
    ["src/components/probe.ts", "@/i18n", true],
    ["src/i18n/probe.ts", "@/components/PageLoading", false],
  ];

  it.each(cases)("%s importing %s: allowed %s", async (file, specifier, allowed) => {
    const found = await problems(file, importing(specifier), "boundaries/dependencies");
    if (allowed) expect(found).toEqual([]);
    else expect(found).toEqual([expect.stringMatching(/must not import/)]);
  });
});

describe("file names", () => {
  it.each([
    ["src/services/parseProbe.ts", true],
    ["src/services/parse-probe.ts", false],
    ["src/views/ProbeCell.tsx", true],
    ["src/views/useProbe.tsx", true],
    ["tests/unit/probe-case.test.ts", true],
    ["tests/unit/probeCase.test.ts", false],
  ])("%s: allowed %s", async (file, allowed) => {
    const found = await problems(file, "export const probe = 1;\n", "check-file/filename-naming-convention");
    expect(found).toHaveLength(allowed ? 0 : 1);
  });
});

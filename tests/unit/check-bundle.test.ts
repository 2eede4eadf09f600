// The bundle budget's arithmetic on a hand-made manifest: what the shell is, what a lazy page
// adds where it opens, and that the message names the chunk over budget.
import { describe, expect, it } from "vitest";
import { budgetMessage, FIRST_LOAD_BUDGET, LAZY_ROUTE_BUDGET, measureBundle, type BundleConfig, type Manifest } from "../../scripts/check-bundle.ts";

const kB = 1024;
// index.html → (static) vendor; (dynamic, at start) App → (static) ui; (dynamic, a prefetch) Layout.
// App opens Layout (signed-in frame), Login (public) and Designer; Designer opens its Tab.
const manifest: Manifest = {
  "index.html": { file: "assets/index.js", isEntry: true, imports: ["_vendor.js"], dynamicImports: ["src/App.tsx", "src/Layout.tsx"] },
  "_vendor.js": { file: "assets/vendor.js" },
  "src/App.tsx": {
    file: "assets/App.js",
    isDynamicEntry: true,
    imports: ["_ui.js"],
    dynamicImports: ["src/Layout.tsx", "src/login/Login.tsx", "src/Designer.tsx"],
  },
  "_ui.js": { file: "assets/ui.js" },
  "src/Layout.tsx": { file: "assets/Layout.js", isDynamicEntry: true, imports: ["_ui.js", "_table.js"] },
  "_table.js": { file: "assets/table.js" },
  "src/login/Login.tsx": { file: "assets/Login.js", isDynamicEntry: true, imports: ["_ui.js", "_form.js", "_table.js"] },
  "_form.js": { file: "assets/form.js" },
  "src/Designer.tsx": { file: "assets/Designer.js", isDynamicEntry: true, imports: ["_table.js", "_flow.js", "_pinyin.js"], dynamicImports: ["src/Tab.tsx"] },
  "_flow.js": { file: "assets/flow.js" },
  "_pinyin.js": { file: "assets/lib-pinyin.js", name: "lib-pinyin" },
  "src/Tab.tsx": { file: "assets/Tab.js", isDynamicEntry: true, imports: ["_flow.js", "_dnd.js"] },
  "_dnd.js": { file: "assets/dnd.js" },
};
const sizes: Record<string, number> = {
  "assets/index.js": 10 * kB,
  "assets/vendor.js": 200 * kB,
  "assets/App.js": 100 * kB,
  "assets/ui.js": 100 * kB,
  "assets/Layout.js": 20 * kB,
  "assets/table.js": 40 * kB,
  "assets/Login.js": 5 * kB,
  "assets/form.js": 30 * kB,
  "assets/Designer.js": 60 * kB,
  "assets/flow.js": 70 * kB,
  "assets/lib-pinyin.js": 137 * kB,
  "assets/Tab.js": 9 * kB,
  "assets/dnd.js": 11 * kB,
};
const config: BundleConfig = {
  startup: ["src/App.tsx"],
  signedInLayout: "src/Layout.tsx",
  publicPages: ["src/login/"],
  landingPages: { "sign-in page": ["src/login/Login.tsx"] },
  onDemand: {},
  libraryChunks: { "lib-pinyin": { budget: LAZY_ROUTE_BUDGET, why: "keys from labels" } },
};
const measure = (m: Manifest = manifest, s = sizes) => measureBundle(m, (file) => s[file], config);
const lazyCost = (key: string, m?: Manifest, s?: Record<string, number>) => measure(m, s).lazy.find((e) => e.key === key)?.gzip;

describe("check-bundle", () => {
  it("counts the entry, its static imports and what it imports at start as the first load", () => {
    const { firstLoad, landing } = measure();
    expect(firstLoad.gzip).toBe(410 * kB);
    expect(firstLoad.chunks.map((c) => c.file).sort()).toEqual(["assets/App.js", "assets/index.js", "assets/ui.js", "assets/vendor.js"]);
    // the sign-in page on top of it: Login, form, table
    expect(landing[0].gzip).toBe((410 + 5 + 30 + 40) * kB);
  });

  it("measures a public page against the shell, a signed-in page against the shell and the frame", () => {
    expect(lazyCost("src/login/Login.tsx")).toBe((5 + 30 + 40) * kB);
    expect(lazyCost("src/Layout.tsx")).toBe((20 + 40) * kB);
    // table is in the frame already; the pinyin library chunk is budgeted alone
    expect(lazyCost("src/Designer.tsx")).toBe((60 + 70) * kB);
    const report = measure();
    expect(report.libraries).toEqual([
      { key: "lib-pinyin", chunks: [{ file: "assets/lib-pinyin.js", gzip: 137 * kB }], gzip: 137 * kB, budget: LAZY_ROUTE_BUDGET },
    ]);
  });

  it("measures a part opened only from inside a lazy page against that page's chunks", () => {
    expect(lazyCost("src/Tab.tsx")).toBe((9 + 11) * kB);
  });

  it("passes within budget and fails naming the chunk and its size when over", () => {
    expect(measure().overBudget).toEqual([]);
    const heavier = { ...sizes, "assets/dnd.js": 200 * kB, "assets/vendor.js": 250 * kB };
    const over = measure(manifest, heavier).overBudget;
    expect(over.map((e) => e.key)).toEqual(["shell", "src/Tab.tsx"]);
    expect(over[0].budget).toBe(FIRST_LOAD_BUDGET);
    expect(budgetMessage(over[0])).toContain("首屏加载 / first load (shell): 460.0 kB gzip 超出预算 450.0 kB / over the 450.0 kB budget by 10.0 kB");
    expect(budgetMessage(over[1])).toMatch(/^按需加载 \/ lazy chunk src\/Tab\.tsx: 209\.0 kB .*assets\/dnd\.js 200\.0 kB/);
  });

  it("refuses a manifest without a JavaScript entry", () => {
    expect(() => measureBundle({ "a.css": { file: "a.css", isEntry: true } }, () => 0, config)).toThrow(/no JavaScript entry/);
  });
});

// The bundle budget (issue #11): what a phone downloads before the first screen, and what each
// lazy page adds when it is opened, in gzipped bytes of JavaScript. Reads the chunk graph Vite
// writes to dist/.vite/manifest.json (build.manifest) and fails naming the chunk over budget.
// Run by `npm test` right after the build layer; alone: `npx vite build && node --import tsx scripts/check-bundle.ts`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** First-load JavaScript: the shell (the entry, App and their static imports), before any page. */
export const FIRST_LOAD_BUDGET = 450 * 1024;
/** What opening one lazy page adds on top of what is already loaded (the shell; signed in, the frame too). */
export const LAZY_ROUTE_BUDGET = 150 * 1024;

export type BundleConfig = {
  /** What the entry imports dynamically but always, at start (src/main.tsx: App). */
  startup: string[];
  /** The signed-in frame (menu, header): every page but the public ones renders inside it. */
  signedInLayout: string;
  /** Pages shown signed out, by path prefix: they are measured against the shell alone. */
  publicPages: string[];
  /** Reported, not budgeted: what a phone fetches to show these pages first, with what each needs. */
  landingPages: Record<string, string[]>;
  /** Libraries fetched on a click (not a page), with their own ceiling and the reason. */
  onDemand: Record<string, { budget: number; why: string }>;
  /**
   * Third-party chunks named in vite.config.ts (codeSplitting groups), each needed by a few
   * pages only: budgeted alone, with the reason, and left out of those pages' totals.
   */
  libraryChunks: Record<string, { budget: number; why: string }>;
};

export const BUNDLE_CONFIG: BundleConfig = {
  startup: ["src/app/App.tsx"],
  signedInLayout: "src/app/layout/SignedInLayout.tsx",
  publicPages: ["src/pages/login/", "src/pages/join/"],
  landingPages: {
    "sign-in page": ["src/pages/login/LoginPage.tsx"],
    "home page": ["src/app/layout/SignedInLayout.tsx", "src/pages/home/HomePage.tsx"],
    "record list": ["src/app/layout/SignedInLayout.tsx", "src/views/list/RecordListPage.tsx"],
  },
  onDemand: {
    "src/views/list/exportWorkbook.ts": { budget: 260 * 1024, why: "exceljs, only when 导出 is clicked" },
    "src/pages/sheet-import/readWorkbook.ts": { budget: 260 * 1024, why: "exceljs, only when a sheet is chosen" },
  },
  libraryChunks: {
    "lib-pinyin": { budget: LAZY_ROUTE_BUDGET, why: "pinyin-pro's dictionary: field keys from Chinese labels (designer, templates, sheet import)" },
    "lib-echarts": { budget: 200 * 1024, why: "ECharts with the line and bar charts only, where the cockpit draws them" },
  },
};

/** The subset of Vite's manifest entry this check reads. */
export type ManifestChunk = {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
};
export type Manifest = Record<string, ManifestChunk>;

export type ChunkCost = { file: string; gzip: number };
export type EntryCost = { key: string; chunks: ChunkCost[]; gzip: number; budget: number };
export type BundleReport = { firstLoad: EntryCost; landing: EntryCost[]; lazy: EntryCost[]; libraries: EntryCost[]; overBudget: EntryCost[] };

/** Keys of `starts` and every chunk they import statically (the browser fetches them all before running them). */
function staticClosure(manifest: Manifest, starts: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length) {
    const key = stack.pop() as string;
    if (seen.has(key) || !manifest[key]) continue;
    seen.add(key);
    stack.push(...(manifest[key].imports ?? []));
  }
  return seen;
}

function cost(manifest: Manifest, key: string, keys: Iterable<string>, sizeOf: (file: string) => number, budget: number): EntryCost {
  const chunks = [...keys].map((k) => ({ file: manifest[k].file, gzip: sizeOf(manifest[k].file) })).sort((a, b) => b.gzip - a.gzip);
  return { key, chunks, gzip: chunks.reduce((sum, c) => sum + c.gzip, 0), budget };
}

/**
 * The shell is the entry's static closure plus what it always imports dynamically at start
 * (src/main.tsx imports App that way only to show a startup error). Its other dynamic imports
 * (prefetches for a returning user) are pages measured like any other.
 * A lazy entry costs the chunks of its closure not already loaded where it opens: the shell for
 * the signed-in frame and public pages; the shell and the frame for every other page; and for a
 * part only another lazy chunk opens (a designer tab), that chunk's closure as well. A chunk
 * shared by two pages counts for each (whoever opens either downloads it then).
 */
export function measureBundle(manifest: Manifest, sizeOf: (file: string) => number, config: BundleConfig = BUNDLE_CONFIG): BundleReport {
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry && manifest[k].file.endsWith(".js"));
  if (!entryKey) throw new Error("manifest has no JavaScript entry / 清单中没有 JavaScript 入口");
  const keys = Object.keys(manifest);
  const shell = staticClosure(manifest, [entryKey, ...config.startup]);
  const signedIn = new Set([...shell, ...staticClosure(manifest, [config.signedInLayout])]);
  const isLibrary = (k: string) => (manifest[k].name ?? "") in config.libraryChunks;
  const firstLoad = cost(manifest, "shell", shell, sizeOf, FIRST_LOAD_BUDGET);
  const landing = Object.entries(config.landingPages).map(([name, pages]) =>
    cost(manifest, name, new Set([...shell, ...staticClosure(manifest, pages)]), sizeOf, Infinity),
  );
  const loadedWhereOpened = (k: string): Set<string> => {
    if (k === config.signedInLayout || config.publicPages.some((prefix) => k.startsWith(prefix))) return shell;
    const importers = keys.filter((i) => manifest[i].isDynamicEntry && !shell.has(i) && manifest[i].dynamicImports?.includes(k));
    // Opened only from inside other lazy chunks: what every one of them has loaded already.
    if (importers.length && keys.every((i) => !manifest[i].dynamicImports?.includes(k) || importers.includes(i))) {
      const [first, ...rest] = importers.map((i) => staticClosure(manifest, [i]));
      return new Set([...signedIn, ...[...first].filter((c) => rest.every((r) => r.has(c)))]);
    }
    return signedIn;
  };
  const lazy = keys
    .filter((k) => manifest[k].isDynamicEntry && !shell.has(k))
    .map((k) => {
      const loaded = loadedWhereOpened(k);
      const budget = config.onDemand[k]?.budget ?? LAZY_ROUTE_BUDGET;
      return cost(
        manifest,
        k,
        [...staticClosure(manifest, [k])].filter((c) => !loaded.has(c) && !isLibrary(c)),
        sizeOf,
        budget,
      );
    })
    .sort((a, b) => b.gzip - a.gzip);
  const libraries = keys.filter(isLibrary).map((k) => {
    const name = manifest[k].name ?? k;
    return cost(manifest, name, [k], sizeOf, config.libraryChunks[name].budget);
  });
  const overBudget = [firstLoad, ...lazy, ...libraries].filter((e) => e.gzip > e.budget);
  return { firstLoad, landing, lazy, libraries, overBudget };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** One line per over-budget entry, in Chinese and English, naming its largest chunks. */
export function budgetMessage(e: EntryCost): string {
  const what = e.key === "shell" ? "首屏加载 / first load (shell)" : `按需加载 / lazy chunk ${e.key}`;
  const top = e.chunks
    .slice(0, 3)
    .map((c) => `${c.file} ${kB(c.gzip)}`)
    .join(", ");
  return `${what}: ${kB(e.gzip)} gzip 超出预算 ${kB(e.budget)} / over the ${kB(e.budget)} budget by ${kB(e.gzip - e.budget)} — 最大的块 / largest chunks: ${top}`;
}

function main(): number {
  const dist = fileURLToPath(new URL("../dist", import.meta.url));
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8")) as Manifest;
  } catch {
    console.error("dist/.vite/manifest.json 不存在，请先构建 / missing: run `npx vite build` first (vite.config.ts build.manifest)");
    return 1;
  }
  const sizes = new Map<string, number>();
  const sizeOf = (file: string) => sizes.get(file) ?? sizes.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length).get(file)!;
  const report = measureBundle(manifest, sizeOf);
  const { firstLoad, landing, lazy } = report;
  console.log(`first load (shell): ${kB(firstLoad.gzip)} gzipped JavaScript in ${firstLoad.chunks.length} files, budget ${kB(FIRST_LOAD_BUDGET)}`);
  console.log(
    `  largest: ${firstLoad.chunks
      .slice(0, 6)
      .map((c) => `${c.file} ${kB(c.gzip)}`)
      .join(", ")}`,
  );
  for (const e of landing) console.log(`  to show the ${e.key}: ${kB(e.gzip)} in ${e.chunks.length} files`);
  console.log(`lazy chunks, on top of what is loaded where they open (budget ${kB(LAZY_ROUTE_BUDGET)} unless on demand), largest six:`);
  for (const e of lazy.slice(0, 6))
    console.log(`  ${e.key.padEnd(52)} ${kB(e.gzip).padStart(9)}${e.budget === LAZY_ROUTE_BUDGET ? "" : ` (on demand, ceiling ${kB(e.budget)})`}`);
  for (const e of report.libraries)
    console.log(`library chunk ${e.key}: ${kB(e.gzip)} (${BUNDLE_CONFIG.libraryChunks[e.key].why}; ceiling ${kB(e.budget)}), not in the pages' totals above`);
  for (const e of report.overBudget) console.error(budgetMessage(e));
  return report.overBudget.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(main());

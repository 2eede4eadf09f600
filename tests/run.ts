// `npm test`: lint (import direction, file names, formatting), typecheck, unit tests, build, bundle budget,
// then one fresh stack on free ports for the db and e2e layers.
// Every layer must run; a missing browser fails with the command that installs it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestStack } from "./support/test-stack.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Asynchronous on purpose: the stack's gateway runs in this process and must keep serving
// while a layer runs (spawnSync would block it).
async function run(what: string, command: string, args: string[]): Promise<boolean> {
  console.log(`\n━━ ${what} ━━ ${command} ${args.join(" ")}`);
  const began = Date.now();
  const status = await new Promise<number | null>((resolve) => {
    // Its own process group, so a signal reaches npx and everything it started.
    const child = spawn(command, args, { stdio: "inherit", env: process.env, detached: true });
    currentChild = child;
    child.on("error", () => resolve(1));
    child.on("exit", (code) => resolve(code));
  });
  console.log(`━━ ${what}: ${status === 0 ? "passed" : "FAILED"} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return status === 0;
}

// Ctrl-C or a CI timeout (SIGTERM) must not leave postgres/postgrest of a test stack behind.
let stopCurrentStack: (() => Promise<void>) | undefined;
let currentChild: ChildProcess | undefined;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the running layer and the test stack …`);
    if (currentChild?.pid) process.kill(-currentChild.pid, "SIGTERM");
    void (stopCurrentStack?.() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

async function withStack(layer: string, body: () => Promise<boolean>): Promise<boolean> {
  const dataDir = mkdtempSync(join(tmpdir(), `cgs-${layer}-`));
  const began = Date.now();
  const stack = await startTestStack(dataDir);
  stopCurrentStack = () => stack.stop();
  console.log(`stack for ${layer} ready at ${stack.url} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  try {
    return await body();
  } finally {
    stopCurrentStack = undefined;
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const began = Date.now();
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM}. Install it with:\n  sudo apt-get install -y chromium fonts-wqy-microhei`);
    return 1;
  }
  const results: Record<string, boolean> = {};
  results.lint = await run("lint", "npm", ["run", "--silent", "lint"]);
  results.typecheck = await run("typecheck", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]);
  results.unit = await run("unit", "npx", ["vitest", "run", "--project", "unit"]);
  results.build = await run("build", "npx", ["vite", "build", "--logLevel", "warn"]);
  // First load ≤ 450 kB and each lazy page ≤ 150 kB gzipped, read from the build's manifest.
  results.bundle = results.build && (await run("bundle", "node", ["--import", "tsx", "scripts/check-bundle.ts"]));
  // db and e2e each get a fresh, seeded stack: the db layer leaves test services and users
  // behind, and the journeys should see what a user of the demo sees.
  results.db = await withStack("db", () => run("db", "npx", ["vitest", "run", "--project", "db"]));
  results.e2e = await withStack("e2e", () => run("e2e", "npx", ["playwright", "test"]));
  const failed = Object.entries(results)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
  console.log(`\nnpm test: ${failed.length ? `FAILED (${failed.join(", ")})` : "all layers passed"} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);

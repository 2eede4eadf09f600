// Makes `npm start` (and, with --install-only, `npm test`) work on a fresh clone: installs
// packages when missing or stale, and builds the SPA when its sources are newer than dist/.
// Plain Node, no dependencies.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}
function run(command, args) {
  console.log(`> ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (mtime("node_modules/.package-lock.json") < mtime("package-lock.json")) run("npm", ["ci", "--no-audit", "--no-fund"]);
if (process.argv.includes("--install-only")) process.exit(0);
const sources = Math.max(newest("src"), newest("public"), mtime("index.html"), mtime("vite.config.ts"), mtime("package-lock.json"));
if (mtime("dist/index.html") < sources) run("npx", ["vite", "build", "--logLevel", "warn"]);

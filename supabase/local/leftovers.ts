// Leftovers of a run that died without stopping its children (kill -9 of the Node process, a
// closed terminal): Postgres and PostgREST keep running, holding their ports and the data folder,
// and the next `npm start` would refuse to start. They are ours — Postgres is found through the
// postmaster.pid of our own data folder, PostgREST through the pidfile we write — so we stop them.
import { existsSync, readFileSync, rmSync } from "node:fs";

/** The command line of a live process, or undefined if it is gone (or a zombie nobody reaped). */
function liveCommand(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) return undefined;
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    // No /proc (macOS): ask the kernel whether the pid exists at all.
    try {
      process.kill(pid, 0);
      return "";
    } catch {
      return undefined;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (liveCommand(pid) === undefined) return true;
    await sleep(50);
  }
  return liveCommand(pid) === undefined;
}

/** Asks politely, then firmly: each signal gets its time before the next. */
async function terminate(pid: number, steps: Array<[NodeJS.Signals, number]>): Promise<void> {
  for (const [signal, ms] of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitGone(pid, ms)) return;
  }
}

function pidIn(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0].trim());
  return Number.isInteger(pid) ? pid : undefined;
}

/** A postmaster still running on our data folder is shut down (fast mode, then immediate). */
export async function stopLeftoverPostgres(dataDir: string, log: (line: string) => void): Promise<void> {
  const pid = pidIn(`${dataDir}/postmaster.pid`);
  if (pid === undefined) return;
  const command = liveCommand(pid);
  // A recycled pid belonging to something else is left alone; postgres then clears the stale file.
  if (command === undefined || (command !== "" && !/postgres/.test(command))) return;
  log(`停止上次遗留的 PostgreSQL / stopping PostgreSQL left running by an earlier run (pid ${pid})`);
  await terminate(pid, [
    ["SIGINT", 15_000],
    ["SIGQUIT", 5_000],
    ["SIGKILL", 5_000],
  ]);
}

/** A PostgREST named in our pidfile and still running is stopped; the pidfile goes either way. */
export async function stopLeftoverPostgrest(pidFile: string, log: (line: string) => void): Promise<void> {
  const pid = pidIn(pidFile);
  if (pid !== undefined) {
    const command = liveCommand(pid);
    if (command !== undefined && (command === "" || /postgrest/.test(command))) {
      log(`停止上次遗留的 PostgREST / stopping PostgREST left running by an earlier run (pid ${pid})`);
      await terminate(pid, [
        ["SIGTERM", 5_000],
        ["SIGKILL", 5_000],
      ]);
    }
  }
  rmSync(pidFile, { force: true });
}

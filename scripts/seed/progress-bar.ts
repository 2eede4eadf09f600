// A progress bar on stderr: done/total, records per second and the time left. On a terminal it
// redraws one line; in a log (CI, a pipe) it writes a line every 10 %.
export type ProgressBar = { update(done: number): void; finish(): void };

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "—";
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600 ? `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}

export function progressLine(done: number, total: number, seconds: number, width = 30): string {
  const share = total ? done / total : 1;
  const filled = Math.round(share * width);
  const rate = seconds > 0 ? done / seconds : 0;
  const eta = rate > 0 ? (total - done) / rate : Infinity;
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${(share * 100).toFixed(1).padStart(5)}% ${done.toLocaleString("en")}/${total.toLocaleString("en")} · ${Math.round(rate).toLocaleString("en")} 条/s records/s · 剩余 ETA ${formatDuration(eta)}`;
}

export function progressBar(total: number, out: NodeJS.WriteStream = process.stderr): ProgressBar {
  const began = Date.now();
  let lastTenth = -1;
  return {
    update(done) {
      const line = progressLine(done, total, (Date.now() - began) / 1000);
      if (out.isTTY) {
        out.write(`\r${line}`);
      } else if (Math.floor((done / total) * 10) > lastTenth) {
        lastTenth = Math.floor((done / total) * 10);
        out.write(`${line}\n`);
      }
    },
    finish() {
      if (out.isTTY) out.write("\n");
    },
  };
}

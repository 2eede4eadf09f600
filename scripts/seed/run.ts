// `npm run seed -- --records N [--db URL] [--seed S] [--workers W] [--batch B] [--days D]`
// Adds N synthetic records (is_synthetic) to the running local stack, through the engine's
// triggers (generate-records.ts). Re-running adds more. The database defaults to the stack
// `npm start` runs: `postgres` on 127.0.0.1:$PG_PORT (54330) with the password in
// $DATA_DIR/keys.json (.local/keys.json); SUPABASE_DB_URL or --db override it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { stackOptionsFromEnv } from "../../supabase/local/stack.ts";
import { generateRecords } from "./generate-records.ts";
import { progressBar, formatDuration } from "./progress-bar.ts";

function defaultDbUrl(): string {
  if (process.env.SUPABASE_DB_URL) return process.env.SUPABASE_DB_URL;
  const { dataDir, pgPort } = stackOptionsFromEnv();
  const keysFile = join(dataDir, "keys.json");
  if (!existsSync(keysFile)) {
    throw new Error(
      `找不到本地栈的密钥 ${keysFile}，请先运行 npm start，或用 --db 指定数据库 / no local stack keys at ${keysFile}: run npm start first, or pass --db`,
    );
  }
  const { dbPassword } = JSON.parse(readFileSync(keysFile, "utf8")) as { dbPassword: string };
  return `postgresql://postgres:${encodeURIComponent(dbPassword)}@127.0.0.1:${pgPort}/postgres`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: "string" },
      db: { type: "string" },
      seed: { type: "string", default: "2026" },
      workers: { type: "string", default: "2" },
      batch: { type: "string", default: "2000" },
      days: { type: "string", default: "730" },
    },
  });
  const total = Number(values.records);
  if (!Number.isInteger(total) || total <= 0) {
    throw new Error("用法 / usage: npm run seed -- --records N [--db URL] [--seed S] [--workers W] [--batch B] [--days D]");
  }
  const url = values.db ?? defaultDbUrl();
  const clients = Array.from({ length: Math.max(1, Number(values.workers)) }, () => new pg.Client({ connectionString: url }));
  try {
    await Promise.all(clients.map((c) => c.connect()));
    process.stderr.write(`生成 ${total.toLocaleString("en")} 条合成记录 / generating ${total.toLocaleString("en")} synthetic records …\n`);
    const bar = progressBar(total);
    const result = await generateRecords(clients, {
      total,
      seed: Number(values.seed),
      batchSize: Number(values.batch),
      days: Number(values.days),
      onBatch: (done) => bar.update(done),
    });
    bar.finish();
    process.stderr.write("analyze …\n");
    await clients[0].query("analyze public.records, public.record_events, public.record_participants, public.record_attachments");
    console.log(
      `已生成 / inserted ${result.inserted.toLocaleString("en")} records in ${formatDuration(result.seconds)} (${Math.round(result.inserted / result.seconds)} records/s) — ${result.services.join(", ")}`,
    );
    if (result.skipped.length) console.log(`未生成 / skipped (no answer model in scripts/generate-demo-records.ts): ${result.skipped.join(", ")}`);
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);

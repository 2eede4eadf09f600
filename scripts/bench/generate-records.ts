// The benchmark's records come from the one generator `npm run seed` uses
// (scripts/seed/generate-records.ts, which makes answers with the demo seed's own functions from
// scripts/generate-demo-records.ts and inserts them through every trigger on `records`), with a
// fixed seed so every run loads the same records, and `scopedShare` of them under one unit for
// the scoped user.
import type pg from "pg";
import { generateRecords as seedRecords } from "../seed/generate-records.ts";

export type GenerateOptions = {
  total: number;
  /** Official code of the unit whose subtree receives `scopedShare` of the records. */
  scopedUnitCode: string;
  scopedShare: number;
  batchSize: number;
  log: (line: string) => void;
  /** Extra connections to the same database, to insert batches in parallel. */
  moreClients?: pg.Client[];
};

export async function generateRecords(client: pg.Client, o: GenerateOptions): Promise<void> {
  const began = Date.now();
  let lastTenth = -1;
  await seedRecords([client, ...(o.moreClients ?? [])], {
    total: o.total,
    seed: 2026,
    batchSize: o.batchSize,
    scopedUnitCode: o.scopedUnitCode,
    scopedShare: o.scopedShare,
    onBatch: (done, total) => {
      if (Math.floor((done / total) * 10) === lastTenth) return;
      lastTenth = Math.floor((done / total) * 10);
      const seconds = (Date.now() - began) / 1000;
      o.log(`  ${done.toLocaleString("en")} / ${total.toLocaleString("en")} records (${seconds.toFixed(0)} s, ${Math.round(done / seconds)}/s)`);
    },
  });
}

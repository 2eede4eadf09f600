// The benchmark's output: medians in ms, the user's time as a multiple of the raw baselines,
// what each caller counted, and the plan of the user's count query. Markdown, so a run can be
// pasted into docs/benchmarks.md as it is.
import type { Measured } from "./time-requests.ts";

export type Report = {
  measured: Measured[];
  counts: { total: number; visible: number };
  plan: string;
  pagePlan: string;
  meta: { generatedIn: number; runs: number; warmup: number; machine: string; user: string };
};

const ms = (value: number) => value.toFixed(1);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const counted = (total: number | null, rows: number) => (total === null ? `${rows} rows` : `${rows} rows of ${total.toLocaleString("en")}`);

export function printReport(r: Report): void {
  const share = ((100 * r.counts.visible) / r.counts.total).toFixed(1);
  console.log(`\n## Results (${new Date().toISOString().slice(0, 10)})\n`);
  console.log(`- machine: ${r.meta.machine}`);
  console.log(
    `- records: ${r.counts.total.toLocaleString("en")} live; the user (${r.meta.user}) may read ${r.counts.visible.toLocaleString("en")} (${share} %)`,
  );
  console.log(`- generated and vacuumed in ${r.meta.generatedIn.toFixed(0)} s; medians of ${r.meta.runs} runs after ${r.meta.warmup} warm-up, interleaved`);
  console.log("- service: grid_event (网格事件上报), the largest; every query selects `*` with `order=created_at.desc&limit=20`\n");
  console.log(
    "| query | user (RLS) ms | raw ms | user ÷ raw | raw live ms | user ÷ raw live | raw same rows ms | user ÷ raw same rows | user sees | raw live sees |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
  for (const m of r.measured) {
    const { user, raw, "raw live": live, "raw same rows": same } = m.by;
    if (user.total !== null && same.total !== user.total) {
      throw new Error(`"${m.query.title}": the user counted ${user.total}, service_role over the same units ${same.total}`);
    }
    console.log(
      `| ${m.query.title} | ${ms(user.median)} | ${ms(raw.median)} | ${ratio(user.median, raw.median)} | ${ms(live.median)} | ${ratio(user.median, live.median)} | ` +
        `${ms(same.median)} | ${ratio(user.median, same.median)} | ${counted(user.total, user.rows)} | ${counted(live.total, live.rows)} |`,
    );
  }
  const usesScopeIndex = /records_scope_idx/.test(r.plan);
  console.log(
    `\nEXPLAIN (ANALYZE, BUFFERS) of the user's exact count (the (service_id, org_unit_id) index records_scope_idx ${usesScopeIndex ? "is used" : "is NOT used"}):\n`,
  );
  console.log("```\n" + r.plan + "\n```");
  console.log("\nEXPLAIN (ANALYZE, BUFFERS) of the user's list page 1, for comparison:\n");
  console.log("```\n" + r.pagePlan + "\n```");
  if (!usesScopeIndex) process.exitCode = 1;
}

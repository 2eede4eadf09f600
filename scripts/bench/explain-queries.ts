// EXPLAIN (ANALYZE, BUFFERS) of the bench's main queries on both sides, as each caller (role,
// claims, custom plans: explain-as-user.ts), in SQL close to what PostgREST sends. Written to the
// JSON file, and printed with --explain: where a ratio misses its target, the plans say why.
import type pg from "pg";
import { explainAsUser } from "./explain-as-user.ts";
import type { FieldColumn } from "./field-column.ts";

export type Plans = Record<string, { engine: string; typed: string }>;

/** A column of records as SQL: `data->>key` / `data->key` become `data ->> 'key'` / `data -> 'key'`. */
export function sqlColumn(path: string): string {
  const json = /^data(->>?)(\w+)$/.exec(path);
  return json ? `data ${json[1] === "->>" ? "->>" : "->"} '${json[2]}'` : path;
}

export async function explainQueries(
  db: pg.Client,
  userId: string,
  o: { serviceId: string; filter: FieldColumn; filterValue: string; sort: FieldColumn },
): Promise<Plans> {
  const v = o.filterValue.replace(/'/g, "''");
  const pairs: Record<string, [string, string]> = {
    "list page 1": [
      "select * from public.records where service_id = $1 order by created_at desc, id limit 20",
      "select * from public.grid_events_typed order by created_at desc, id limit 20",
    ],
    "exact count": ["select count(*) from public.records where service_id = $1", "select count(*) from public.grid_events_typed"],
    "field filter count": [
      `select count(*) from public.records where service_id = $1 and ${sqlColumn(o.filter.filter)} = '${v}'`,
      `select count(*) from public.grid_events_typed where ${o.filter.key} = '${v}'`,
    ],
    "sort by a field": [
      `select * from public.records where service_id = $1 order by ${sqlColumn(o.sort.sort)}, id limit 20`,
      `select * from public.grid_events_typed order by ${o.sort.key}, id limit 20`,
    ],
  };
  const plans: Plans = {};
  for (const [title, [engine, typed]] of Object.entries(pairs)) {
    plans[title] = { engine: await explainAsUser(db, userId, engine, [o.serviceId]), typed: await explainAsUser(db, userId, typed, []) };
  }
  return plans;
}

export function printPlans(byCaller: Record<string, Plans | string>): void {
  for (const [caller, plans] of Object.entries(byCaller)) {
    if (typeof plans === "string") {
      console.log(`\n### ${caller}: ${plans}`);
      continue;
    }
    for (const [title, { engine, typed }] of Object.entries(plans)) {
      console.log(`\n### ${title}, ${caller}\n\nengine:\n\n\`\`\`\n${engine}\n\`\`\`\n\ntyped:\n\n\`\`\`\n${typed}\n\`\`\``);
    }
  }
}

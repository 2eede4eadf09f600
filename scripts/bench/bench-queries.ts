// The queries the benchmark times, each as the engine's request (what the SPA sends for
// grid_event: src/views/list/RecordList.tsx, src/data/serviceWidgets.ts) and as the typed
// baseline's request for the same answer. Lists read page 1 (20 rows, newest first, `id` last as
// the SPA does); the field filter and sort go through fieldColumn (an index slot when the service
// maps the field to one, else the JSON answer).
import { recordColumns } from "../../src/data/records.ts";
import type { BenchRequest } from "./time-requests.ts";
import type { FieldColumn } from "./field-column.ts";
import type { TargetKind } from "./bench-targets.ts";

export type BenchQuery = {
  key: string;
  title: string;
  kind: TargetKind;
  engine: BenchRequest;
  typed: BenchRequest;
  /** Both must report the same total (exact counts, dashboard figures): the baseline's correctness check. */
  sameTotal: boolean;
  /** Both must return the same rows in the same order (the ids were copied). */
  sameIds: boolean;
};

const page = "offset=0&limit=20";
const get = (path: string, prefer: string[] = []): BenchRequest => ({ method: "GET", path, prefer });
const rpc = (name: string, body: Record<string, unknown>): BenchRequest => ({ method: "POST", path: `/rpc/${name}`, body });

export function benchQueries(o: { serviceId: string; filter: FieldColumn; filterValue: string; sort: FieldColumn }): BenchQuery[] {
  const records = `/records?select=${recordColumns}&service_id=eq.${o.serviceId}`;
  const typed = "/grid_events_typed?select=*";
  // the orders the SPA sends (toRecordSorters): the tiebreak follows the sort's direction, and a
  // sort on an indexed column breaks ties by unit, then id; the typed side asks the same order
  const newest = "order=created_at.desc,id.desc";
  const sortTies = o.sort.indexed ? "org_unit_id.asc,id.asc" : "id.asc";
  const widget = (metric: string, groupBy: string | null) => rpc("service_widget_data", { p_service_id: o.serviceId, p_metric: metric, p_group_by: groupBy });
  return [
    {
      key: "list",
      title: "list page 1",
      kind: "list",
      engine: get(`${records}&${newest}&${page}`),
      typed: get(`${typed}&${newest}&${page}`),
      sameTotal: false,
      sameIds: true,
    },
    {
      key: "list_exact",
      title: "list page 1 + exact count",
      kind: "count",
      engine: get(`${records}&${newest}&${page}`, ["count=exact"]),
      typed: get(`${typed}&${newest}&${page}`, ["count=exact"]),
      sameTotal: true,
      sameIds: true,
    },
    {
      key: "list_estimated",
      title: "list page 1 + estimated count",
      kind: "count",
      engine: get(`${records}&${newest}&${page}`, ["count=estimated"]),
      typed: get(`${typed}&${newest}&${page}`, ["count=estimated"]),
      sameTotal: false,
      sameIds: true,
    },
    {
      key: "filter_exact",
      title: `field filter (${o.filter.key} = ${o.filterValue}) + exact count`,
      kind: "filter",
      engine: get(`${records}&${o.filter.filter}=eq.${o.filterValue}&${newest}&${page}`, ["count=exact"]),
      typed: get(`${typed}&${o.filter.key}=eq.${o.filterValue}&${newest}&${page}`, ["count=exact"]),
      sameTotal: true,
      sameIds: true,
    },
    {
      key: "sort",
      title: `sort by a field (${o.sort.key}), limit 20`,
      kind: "sort",
      engine: get(`${records}&order=${o.sort.sort}.asc,${sortTies}&${page}`),
      typed: get(`${typed}&order=${o.sort.key}.asc,${sortTies}&${page}`),
      sameTotal: false,
      sameIds: true,
    },
    {
      key: "dashboard_status",
      title: "dashboard: count by status",
      kind: "dashboard",
      engine: widget("count", "status"),
      typed: rpc("grid_events_typed_by_status", {}),
      sameTotal: true,
      sameIds: false,
    },
    {
      key: "dashboard_overdue",
      title: "dashboard: overdue",
      kind: "dashboard",
      engine: widget("overdue", null),
      typed: rpc("grid_events_typed_overdue", {}),
      sameTotal: true,
      sameIds: false,
    },
    {
      key: "dashboard_month",
      title: "dashboard: count by month",
      kind: "dashboard",
      engine: widget("count", "created_month"),
      typed: rpc("grid_events_typed_by_month", {}),
      sameTotal: true,
      sameIds: false,
    },
  ];
}

// The cockpit's KPI catalogue: what each figure is computed from, its n, and which records it
// opens. The words of each 口径 (numerator, denominator, period) are in the i18n section
// `cockpit.definitions`, shown beside the figure; the counts come from cockpit_summary, whose
// SQL comment states the same definitions. Cohort: records CREATED (受理) in the chosen period.
import type { CockpitFigures } from "@/data/cockpit";
import type { RecordListScope } from "@/views/list/recordListScope";

export type KpiKey = "received" | "in_progress" | "completed" | "completion_rate" | "overdue" | "overdue_rate" | "avg_hours" | "p90_hours" | "satisfaction";

export type Kpi = {
  key: KpiKey;
  kind: "count" | "rate" | "hours";
  value: (f: CockpitFigures) => number | null;
  /** The denominator, or the records the figure is taken over. */
  n: (f: CockpitFigures) => number;
  /** Count figures open the records they count: the list's scope beyond unit and period. */
  list?: Pick<RecordListScope, "overdue" | "state">;
  /** Shown only where some service collects it. */
  optional?: boolean;
};

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

export const cockpitKpis: readonly Kpi[] = [
  { key: "received", kind: "count", value: (f) => f.received, n: (f) => f.received, list: { overdue: false } },
  { key: "in_progress", kind: "count", value: (f) => f.in_progress, n: (f) => f.received, list: { overdue: false, state: "open" } },
  { key: "completed", kind: "count", value: (f) => f.completed, n: (f) => f.received, list: { overdue: false, state: "done" } },
  { key: "completion_rate", kind: "rate", value: (f) => ratio(f.completed, f.received), n: (f) => f.received },
  { key: "overdue", kind: "count", value: (f) => f.overdue, n: (f) => f.received, list: { overdue: true } },
  { key: "overdue_rate", kind: "rate", value: (f) => ratio(f.overdue + f.completed_late, f.received), n: (f) => f.received },
  { key: "avg_hours", kind: "hours", value: (f) => f.avg_hours, n: (f) => f.completed },
  { key: "p90_hours", kind: "hours", value: (f) => f.p90_hours, n: (f) => f.completed },
  { key: "satisfaction", kind: "rate", value: (f) => ratio(f.satisfied, f.rated), n: (f) => f.rated, optional: true },
];

export const kpiByKey = Object.fromEntries(cockpitKpis.map((k) => [k.key, k])) as Record<KpiKey, Kpi>;

export const emptyFigures: CockpitFigures = {
  received: 0,
  in_progress: 0,
  completed: 0,
  overdue: 0,
  completed_late: 0,
  avg_hours: null,
  p90_hours: null,
  rated: 0,
  satisfied: 0,
};

/** A figure as text: counts as integers, rates as percentages with one decimal, hours with one. */
export function formatKpi(kpi: Kpi, value: number | null): string {
  if (value === null) return "—";
  if (kpi.kind === "rate") return `${(value * 100).toFixed(1)}%`;
  if (kpi.kind === "hours") return value.toFixed(1);
  return String(value);
}

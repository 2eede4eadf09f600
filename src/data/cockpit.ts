// The leader cockpit's figures. The database counts them as the caller (cockpit_summary and
// cockpit_trend are security invoker over records), so they are the records the user's lists
// show; a unit outside the user's units is refused (PT403 cockpit_unit_out_of_scope).
import { callRpc } from "./rpc";

/** The counts every KPI is computed from (src/pages/cockpit/cockpitKpis.ts holds the 口径). */
export type CockpitFigures = {
  received: number;
  in_progress: number;
  completed: number;
  overdue: number;
  completed_late: number;
  avg_hours: number | null;
  p90_hours: number | null;
  rated: number;
  satisfied: number;
};

/** unitId null = every child unit together; serviceId null = every service together. */
export type CockpitSummaryRow = CockpitFigures & { unitId: string | null; serviceId: string | null };

export type CockpitTrendRow = Omit<CockpitFigures, "p90_hours" | "rated" | "satisfied"> & { periodStart: string };

/** Null-able numerics arrive as strings or null (numeric), counts as numbers (bigint). */
const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** Records created on the Beijing days from..to (null: unbounded), at unitId and below. */
export async function fetchCockpitSummary(unitId: string, from: string | null, to: string | null): Promise<CockpitSummaryRow[]> {
  const rows = await callRpc("cockpit_summary", { p_unit_id: unitId, p_from: from ?? undefined, p_to: to ?? undefined });
  return rows.map((row) => ({
    unitId: (row.unit_id as string | null) ?? null,
    serviceId: (row.service_id as string | null) ?? null,
    received: num(row.received),
    in_progress: num(row.in_progress),
    completed: num(row.completed),
    overdue: num(row.overdue),
    completed_late: num(row.completed_late),
    avg_hours: numOrNull(row.avg_hours),
    p90_hours: numOrNull(row.p90_hours),
    rated: num(row.rated),
    satisfied: num(row.satisfied),
  }));
}

export async function fetchCockpitTrend(
  unitId: string,
  period: "week" | "month",
  from: string | null,
  to: string | null,
  serviceId: string | null,
): Promise<CockpitTrendRow[]> {
  const rows = await callRpc("cockpit_trend", {
    p_unit_id: unitId,
    p_period: period,
    p_from: from ?? undefined,
    p_to: to ?? undefined,
    p_service_id: serviceId ?? undefined,
  });
  return rows.map((row) => ({
    periodStart: row.period_start,
    received: num(row.received),
    in_progress: num(row.in_progress),
    completed: num(row.completed),
    overdue: num(row.overdue),
    completed_late: num(row.completed_late),
    avg_hours: numOrNull(row.avg_hours),
  }));
}

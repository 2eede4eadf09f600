// The figures behind one dashboard widget, from the service's real records. The database counts
// under the caller's own record policies (service_widget_data is security invoker), so the
// designer's preview shows what this administrator may see, and a user without read sees none.
import { callRpc } from "./rpc";

/** bucket: status key, unit name, YYYY-MM, an answer as text, or null (unanswered / overall). */
export type WidgetFigure = { bucket: string | null; value: number };

/** metric: count | overdue | avg_duration; groupBy: status | org_unit | created_month | a field key (services/viewSchemas). */
export async function fetchWidgetData(serviceId: string, widget: { metric: string; groupBy?: string }): Promise<WidgetFigure[]> {
  const rows = await callRpc("service_widget_data", { p_service_id: serviceId, p_metric: widget.metric, p_group_by: widget.groupBy });
  // the generated type says string; SQL answers null for the overall figure and unanswered fields
  return rows.map((row) => ({ bucket: (row.bucket as string | null) ?? null, value: Number(row.value) }));
}

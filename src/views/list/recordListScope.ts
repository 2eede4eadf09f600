// The list's scope filters, kept in plain URL parameters so a cockpit figure can link to exactly
// the records it counts: `unit=<id>` (that unit and everything below it), `overdue=1` (open past
// due_at), `state=open|done` (not in / in a terminal state), `from`/`to` (created on those
// Beijing calendar days). They become PostgREST filters the records' own policies still apply to,
// with the same 口径 as the database's cockpit_records: terminal = terminal in the service's
// current version, days in Asia/Shanghai.
import type { CrudFilter } from "@refinedev/core";
import dayjs from "dayjs";
import type { ServiceDefinition } from "@/services/schema";

export type RecordListScope = {
  unit?: string;
  overdue: boolean;
  state?: "open" | "done";
  from?: string;
  to?: string;
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The names the URL uses; anything malformed is dropped (a hand-edited URL narrows nothing rather than failing). */
export function readRecordListScope(params: URLSearchParams): RecordListScope {
  const unit = params.get("unit") ?? "";
  const state = params.get("state");
  const day = (name: string) => {
    const value = params.get(name) ?? "";
    return isoDay.test(value) && dayjs(value).isValid() ? value : undefined;
  };
  return {
    unit: uuid.test(unit) ? unit.toLowerCase() : undefined,
    overdue: params.get("overdue") === "1",
    state: state === "open" || state === "done" ? state : undefined,
    from: day("from"),
    to: day("to"),
  };
}

/** The query string of a scope (for links from the cockpit), in a stable order. */
export function recordListScopeSearch(scope: RecordListScope): string {
  const params = new URLSearchParams();
  if (scope.unit) params.set("unit", scope.unit);
  if (scope.overdue) params.set("overdue", "1");
  if (scope.state) params.set("state", scope.state);
  if (scope.from) params.set("from", scope.from);
  if (scope.to) params.set("to", scope.to);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const hasRecordListScope = (scope: RecordListScope) => Boolean(scope.unit || scope.overdue || scope.state || scope.from || scope.to);

/** The start of a Beijing calendar day as an instant. */
const beijingDayStart = (day: string) => `${day}T00:00:00+08:00`;

/** The embed a subtree filter needs in the select (an inner join on the record's unit). */
export const unitPathEmbed = "org_units!inner(path)";

/** The field a subtree filter names (through unitPathEmbed). */
export const unitPathField = "org_units.path";

/**
 * A list's filters as the "约 N" estimate needs them: the unit whose subtree they narrow to (a
 * path ends with the unit's own id), and every other filter, whose selectivity the planner gives.
 */
export function splitSubtreeFilter(filters: readonly CrudFilter[]): { unitId: string | undefined; others: CrudFilter[] } {
  const subtree = filters.find((f) => "field" in f && f.field === unitPathField);
  const unitId = subtree && typeof subtree.value === "string" ? subtree.value.split(".").at(-1) : undefined;
  return { unitId, others: filters.filter((f) => f !== subtree) };
}

/**
 * Provider filters for a scope. `unitPath` is the unit's path (null while it loads — callers wait —
 * or when the unit is unknown: then only that id matches, which is nothing); `now` is the instant overdue is judged at.
 */
export function recordListScopeFilters(scope: RecordListScope, definition: ServiceDefinition, unitPath: string | null | undefined, now: Date): CrudFilter[] {
  const terminal = definition.workflow.states.filter((s) => s.terminal).map((s) => s.key);
  const filters: CrudFilter[] = [];
  if (scope.unit) {
    // paths are ids joined by "." and ids have one length, so a prefix is exactly the subtree
    filters.push(unitPath ? { field: unitPathField, operator: "startswith", value: unitPath } : { field: "org_unit_id", operator: "eq", value: scope.unit });
  }
  if (scope.overdue || scope.state === "open") {
    // the Supabase provider passes a "nin" value through as text: PostgREST wants the parenthesised list
    if (terminal.length > 0) filters.push({ field: "status", operator: "nin", value: `(${terminal.map((k) => `"${k}"`).join(",")})` });
  }
  if (scope.overdue) filters.push({ field: "due_at", operator: "lt", value: now.toISOString() });
  if (scope.state === "done") filters.push({ field: "status", operator: "in", value: terminal.length > 0 ? terminal : ["_none"] });
  if (scope.from) filters.push({ field: "created_at", operator: "gte", value: beijingDayStart(scope.from) });
  if (scope.to) filters.push({ field: "created_at", operator: "lt", value: beijingDayStart(dayjs(scope.to).add(1, "day").format("YYYY-MM-DD")) });
  return filters;
}

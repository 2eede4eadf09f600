// The page's filters and page live in the URL (?kind=auth&kind=sensitive&user=…&from=…&to=…&page=2),
// so a view of the log can be reloaded and sent to a colleague. Dates are whole local days.
import dayjs from "dayjs";
import { isAuditKind, type AuditFilters, type AuditKind } from "@/lib/domain/audit";

export type AuditSearch = {
  kinds: AuditKind[];
  user?: string;
  /** YYYY-MM-DD, inclusive on both ends. */
  fromDay: string;
  toDay: string;
  page: number;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Without a range the page shows the last 30 days: auth.audit_log_entries has no date index. */
export const defaultDays = 30;

export function parseAuditSearch(params: URLSearchParams, today: string = dayjs().format("YYYY-MM-DD")): AuditSearch {
  const fromDay = params.get("from") ?? "";
  const toDay = params.get("to") ?? "";
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    kinds: params.getAll("kind").filter(isAuditKind),
    user: params.get("user") || undefined,
    fromDay: DAY.test(fromDay)
      ? fromDay
      : dayjs(today)
          .subtract(defaultDays - 1, "day")
          .format("YYYY-MM-DD"),
    toDay: DAY.test(toDay) ? toDay : today,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function auditSearchParams(search: AuditSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const kind of search.kinds) params.append("kind", kind);
  if (search.user) params.set("user", search.user);
  params.set("from", search.fromDay);
  params.set("to", search.toDay);
  if (search.page > 1) params.set("page", String(search.page));
  return params;
}

/** The RPC's filters: local days → [start of from-day, start of the day after to-day). */
export function auditFilters(search: AuditSearch): AuditFilters {
  return {
    kinds: search.kinds,
    user: search.user,
    from: dayjs(search.fromDay).startOf("day").toISOString(),
    to: dayjs(search.toDay).add(1, "day").startOf("day").toISOString(),
  };
}

// The 审计日志 page's one query: list_audit_events (20261130050400) merges configuration changes,
// sensitive-data views (refused ones too), auth events and storage writes of the administrator's
// scope, filtered and paginated in the database. Non-administrators get 403 audit_forbidden.
import type { AuditEvent, AuditFilters } from "@/lib/domain/audit";
import { callRpc } from "./rpc";

export async function listAuditEvents(filters: AuditFilters, offset: number, limit: number): Promise<{ rows: AuditEvent[]; total: number }> {
  // a filter left out is the SQL default, null: every kind, every user, no time bound
  const data = await callRpc("list_audit_events", {
    p_kinds: filters.kinds.length ? filters.kinds : undefined,
    p_user: filters.user ?? undefined,
    p_from: filters.from ?? undefined,
    p_to: filters.to ?? undefined,
    p_limit: limit,
    p_offset: offset,
  });
  // kind is one of AuditEvent's kinds and detail its shape: the function builds both
  const rows = (data ?? []) as AuditEvent[];
  return { rows, total: rows[0]?.total ?? 0 };
}

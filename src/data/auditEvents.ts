// The 审计日志 page's one query: list_audit_events (20261130050400) merges configuration changes,
// sensitive-data views (refused ones too), auth events and storage writes of the administrator's
// scope, filtered and paginated in the database. Non-administrators get 403 audit_forbidden.
import type { AuditEvent, AuditFilters } from "../domain/audit";
import { supabase } from "./client";
import { toHttpError } from "./errors";

export async function listAuditEvents(filters: AuditFilters, offset: number, limit: number): Promise<{ rows: AuditEvent[]; total: number }> {
  const { data, error } = await supabase.rpc("list_audit_events", {
    p_kinds: filters.kinds.length ? filters.kinds : null,
    p_user: filters.user ?? null,
    p_from: filters.from ?? null,
    p_to: filters.to ?? null,
    p_limit: limit,
    p_offset: offset,
  });
  if (error) throw toHttpError(error);
  const rows = (data ?? []) as AuditEvent[];
  return { rows, total: rows[0]?.total ?? 0 };
}

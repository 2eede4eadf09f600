// The audit log as the 审计日志 page sees it: four kinds of append-only entries, merged by
// list_audit_events (20261130050400).

export const auditKinds = ["config", "sensitive", "auth", "storage"] as const;
export type AuditKind = (typeof auditKinds)[number];

export function isAuditKind(value: unknown): value is AuditKind {
  return typeof value === "string" && (auditKinds as readonly string[]).includes(value);
}

export type AuditEvent = {
  kind: AuditKind;
  entry_id: string;
  at: string;
  actor: string | null;
  actor_name: string | null;
  org_unit_id: string | null;
  org_unit_name: string | null;
  /** config: `<table>.<insert|update|delete>`; sensitive: unmask / unmask_refused; auth: GoTrue's action; storage: upload … */
  action: string;
  subject: string | null;
  detail: Record<string, unknown>;
  total: number;
};

export type AuditFilters = {
  kinds: AuditKind[];
  user?: string;
  /** ISO instants; `to` is exclusive. */
  from?: string;
  to?: string;
};

// Words for the codes the audit log stores: kinds, actions (GoTrue's, Storage's, ours), the tables
// whose changes are audited, why an unmasking was refused. A code without a word is shown as is,
// so an event the database learns to log later still appears.
import { useCallback } from "react";
import { useT, type TranslationKey } from "@/i18n";
import type { AuditEvent, AuditKind } from "@/lib/domain/audit";

const kindKeys = {
  config: "audit.kinds.config",
  sensitive: "audit.kinds.sensitive",
  auth: "audit.kinds.auth",
  storage: "audit.kinds.storage",
} as const satisfies Record<AuditKind, TranslationKey>;

const actionKeys = {
  unmask: "audit.actions.unmask",
  unmask_refused: "audit.actions.unmask_refused",
  search: "audit.actions.search",
  search_refused: "audit.actions.search_refused",
  export: "audit.actions.export",
  login: "audit.actions.login",
  login_failed: "audit.actions.login_failed",
  logout: "audit.actions.logout",
  user_signedup: "audit.actions.user_signedup",
  user_deleted: "audit.actions.user_deleted",
  token_refreshed: "audit.actions.token_refreshed",
  token_revoked: "audit.actions.token_revoked",
  user_modified: "audit.actions.user_modified",
  user_recovery_requested: "audit.actions.user_recovery_requested",
  user_updated_password: "audit.actions.user_updated_password",
  upload: "audit.actions.upload",
  overwrite: "audit.actions.overwrite",
  move: "audit.actions.move",
  delete: "audit.actions.delete",
  sign: "audit.actions.sign",
} as const satisfies Record<string, TranslationKey>;

const tableKeys = {
  memberships: "audit.tables.memberships",
  roles: "audit.tables.roles",
  invitations: "audit.tables.invitations",
  profiles: "audit.tables.profiles",
  services: "audit.tables.services",
  service_versions: "audit.tables.service_versions",
  service_role_grants: "audit.tables.service_role_grants",
  org_units: "audit.tables.org_units",
} as const satisfies Record<string, TranslationKey>;

const operationKeys = {
  insert: "audit.operations.insert",
  update: "audit.operations.update",
  delete: "audit.operations.delete",
} as const satisfies Record<string, TranslationKey>;

const refusalKeys = {
  record_not_found: "audit.refusals.record_not_found",
  unmask_forbidden: "audit.refusals.unmask_forbidden",
  field_not_sensitive: "audit.refusals.field_not_sensitive",
  reason_required: "audit.refusals.reason_required",
  text_too_long: "audit.refusals.text_too_long",
} as const satisfies Record<string, TranslationKey>;

function keyOf<M extends Record<string, TranslationKey>>(map: M, code: string): TranslationKey | undefined {
  return Object.hasOwn(map, code) ? map[code] : undefined;
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

export function useAuditLabels() {
  const t = useT();
  const word = useCallback(
    <M extends Record<string, TranslationKey>>(map: M, code: string) => {
      const key = keyOf(map, code);
      return key ? t(key) : code;
    },
    [t],
  );

  const kindLabel = useCallback((kind: AuditKind) => t(kindKeys[kind]), [t]);

  const actionLabel = useCallback(
    (event: Pick<AuditEvent, "kind" | "action">) => {
      if (event.kind !== "config") return word(actionKeys, event.action);
      const [table = "", operation = ""] = event.action.split(".");
      return `${word(tableKeys, table)} · ${word(operationKeys, operation)}`;
    },
    [word],
  );

  /** One line about the entry: the stated reason and refusal, the IP, the file size, the changed columns. */
  const detailText = useCallback(
    (event: Pick<AuditEvent, "kind" | "detail">) => {
      const d = event.detail;
      switch (event.kind) {
        case "sensitive": {
          const parts = [`${t("audit.detail.reason")}：${text(d.reason) || "—"}`];
          const refusal = text(d.refusal);
          if (refusal) parts.push(`${t("audit.detail.refusal")}：${word(refusalKeys, refusal)}`);
          return parts.join("；");
        }
        case "auth":
          return text(d.ip_address) ? `IP ${text(d.ip_address)}` : "";
        case "storage":
          return typeof d.size === "number" ? `${(d.size / 1024).toFixed(1)} KB` : "";
        case "config": {
          const before = (d.before ?? {}) as Record<string, unknown>;
          const after = (d.after ?? {}) as Record<string, unknown>;
          const changed = Object.keys({ ...before, ...after }).filter((k) => k !== "updated_at" && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
          if (!d.before || !d.after) return "";
          return changed.map((k) => `${k}: ${JSON.stringify(before[k] ?? null)} → ${JSON.stringify(after[k] ?? null)}`).join("；");
        }
      }
    },
    [t, word],
  );

  return { kindLabel, actionLabel, detailText };
}

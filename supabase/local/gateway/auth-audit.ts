// Auth events in auth.audit_log_entries, shaped as GoTrue writes them (models/audit_log_entry.go):
// payload {actor_id, actor_via_sso, actor_username, action, log_type, traits}. GoTrue logs no
// failed sign-ins; we add `login_failed` (OWASP ASVS V16), with the identifier as typed when no
// account matches, and we fill ip_address, which GoTrue mostly leaves ''.
import { randomUUID } from "node:crypto";
import type { Db, UserRow } from "./auth-users.ts";

const LOG_TYPES = {
  login: "account",
  login_failed: "account",
  logout: "account",
  user_signedup: "team",
  user_deleted: "team",
  token_refreshed: "token",
  token_revoked: "token",
  user_modified: "user",
  user_recovery_requested: "user",
  user_updated_password: "user",
} as const;

export type AuditAction = keyof typeof LOG_TYPES;

const NIL_UUID = "00000000-0000-0000-0000-000000000000";

export type AuditEntry = {
  action: AuditAction;
  /** The account the event is about; absent for a failed sign-in to an unknown identifier. */
  actor?: Pick<UserRow, "id" | "email" | "phone" | "raw_user_meta_data">;
  /** What was typed, when there is no actor. */
  username?: string;
  ip?: string;
  traits?: Record<string, unknown>;
};

/** GoTrue names the actor by phone when there is one, else by e-mail. */
function usernameOf(entry: AuditEntry): string {
  if (entry.actor) return entry.actor.phone || entry.actor.email || "";
  return entry.username ?? "";
}

export function auditPayload(entry: AuditEntry): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    actor_id: entry.actor?.id ?? NIL_UUID,
    actor_via_sso: false,
    actor_username: usernameOf(entry),
    action: entry.action,
    log_type: LOG_TYPES[entry.action],
  };
  const fullName = entry.actor?.raw_user_meta_data?.full_name;
  if (fullName !== undefined) payload.actor_name = fullName;
  if (entry.traits) payload.traits = entry.traits;
  return payload;
}

let tableExists: Promise<boolean> | undefined;

/**
 * Writes one entry. Inside a transaction pass its client, so the entry commits with the event.
 * A data directory bootstrapped before the table existed only loses the log, never the sign-in.
 */
export async function writeAudit(db: Db, entry: AuditEntry, log: (line: string) => void = console.error): Promise<void> {
  tableExists ??= db.query<{ found: boolean }>(`select to_regclass('auth.audit_log_entries') is not null as found`).then(
    ({ rows }) => {
      if (!rows[0].found)
        log("gateway: auth.audit_log_entries is missing (data directory from an older bootstrap); auth events are not logged. `npm run db:reset` adds it.");
      return rows[0].found;
    },
    () => {
      tableExists = undefined;
      return true;
    },
  );
  if (!(await tableExists)) return;
  await db.query(`insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address) values ($1, $2, $3, clock_timestamp(), $4)`, [
    NIL_UUID,
    randomUUID(),
    JSON.stringify(auditPayload(entry)),
    (entry.ip ?? "").slice(0, 64),
  ]);
}

// One function turns anything Supabase (PostgREST, GoTrue, Storage) or fetch throws into Refine's
// HttpError, keeping the original code so callers and tests can tell errors apart.
// The `errors.*` keys below are dictionary keys of src/i18n; lib does not import i18n, so the
// check that each exists is where they are translated (useErrorText, localizeError: `t(key)`
// accepts dictionary keys only, so a key missing from the dictionaries fails `tsc` there).
import type { HttpError } from "@refinedev/core";

export type AppHttpError = HttpError & {
  /** PostgREST `PGRST…`, a Postgres SQLSTATE, a GoTrue `error_code` or a Storage code. */
  code?: string;
  /** Dictionary key of a user-facing explanation; `errors.unknown` when the code is not known. */
  i18nKey: ErrorMessageKey;
  details?: string;
  hint?: string;
  /** The stable code a record RPC or trigger raised as its message (`stale_record` …), if any. */
  reason?: RecordErrorReason;
};

/** Codes that mean "the session is gone": the user must sign in again. */
export const sessionErrorCodes: ReadonlySet<string> = new Set([
  "PGRST301", // PostgREST: JWT invalid or expired
  "PGRST302", // PostgREST: anonymous access disabled (no token)
  "PGRST303", // PostgREST: JWT claims invalid
  "bad_jwt",
  "session_expired",
  "session_not_found",
  "refresh_token_not_found",
  "refresh_token_already_used",
  "no_authorization",
]);

const keyByCode = {
  invalid_credentials: "errors.invalidCredentials",
  email_not_confirmed: "errors.notConfirmed",
  phone_not_confirmed: "errors.notConfirmed",
  user_banned: "errors.userBanned",
  over_request_rate_limit: "errors.rateLimited",
  over_email_send_rate_limit: "errors.emailRateLimited", // GoTrue: recovery mails 60 s apart
  same_password: "errors.samePassword",
  validation_failed: "errors.invalidInput",
  "42501": "errors.permissionDenied", // insufficient_privilege (RLS or grants)
  PGRST116: "errors.notFound", // single object requested, none visible
  "23505": "errors.duplicate", // unique_violation
  "23503": "errors.referenced", // foreign_key_violation
  "23502": "errors.invalidInput", // not_null_violation
  "23514": "errors.invalidInput", // check_violation
  "22P02": "errors.invalidInput", // invalid_text_representation
  "22001": "errors.invalidInput", // string_data_right_truncation
  "22023": "errors.invalidInput", // invalid_parameter_value
  user_already_exists: "errors.accountExists", // GoTrue sign-up: the phone or e-mail has an account
  email_exists: "errors.accountExists",
  phone_exists: "errors.accountExists",
  weak_password: "errors.weakPassword",
  CGR01: "errors.roleInUse", // role_in_use: a custom role still held or invited to
  CGI01: "errors.invitationNotPending", // invitation_not_pending: claimed, revoked or expired
  CGI02: "errors.invitationContactInvalid", // invitation_contact_invalid: not a phone number
  CGI03: "errors.invitationInvalid", // invitation_invalid: no invitation has this link secret
  CGI04: "errors.invitationClaimed", // invitation_claimed: the link was used
  CGI05: "errors.invitationRevoked", // invitation_revoked
  CGI06: "errors.invitationExpired", // invitation_expired
  CGI07: "errors.invitationInviterUnable", // invitation_inviter_unable: the inviter lost the right to grant it
  CGI08: "errors.invitationOwn", // invitation_own: the inviter tried their own link
  "404": "errors.notFound", // Storage reports its codes as HTTP-like strings
  "403": "errors.permissionDenied",
  EntityTooLarge: "errors.fileTooLarge", // Storage: over the bucket's file_size_limit (413)
  InvalidMimeType: "errors.fileTypeNotAllowed", // Storage: not in the bucket's allowed_mime_types (415)
  "413": "errors.fileTooLarge",
  "415": "errors.fileTypeNotAllowed",
} as const satisfies Record<string, `errors.${string}`>;

/**
 * The record engine's RPCs and triggers raise a stable code as the error *message* (the SQLSTATE
 * is only PT4xx, which PostgREST turns into the HTTP status); `details` carries the specifics,
 * e.g. record_invalid's `[{field, code, params}]`. Codes are part of the API: add, never rename.
 */
const keyByReason = {
  record_invalid: "errors.recordInvalid",
  stale_record: "errors.staleRecord",
  record_not_found: "errors.notFound",
  record_closed: "errors.recordClosed",
  update_forbidden: "errors.permissionDenied",
  delete_forbidden: "errors.permissionDenied",
  transition_forbidden: "errors.transitionForbidden",
  transition_not_found: "errors.transitionNotFound",
  comment_required: "errors.commentRequired",
  fields_required: "errors.fieldsRequired",
  fields_not_allowed: "errors.fieldsNotAllowed",
  checklist_incomplete: "errors.checklistIncomplete",
  reason_required: "errors.reasonRequired",
  records_update_via_rpc: "errors.recordsUpdateViaRpc",
  records_delete_via_rpc: "errors.recordsUpdateViaRpc",
  no_parent_unit: "errors.noParentUnit",
  service_not_published: "errors.serviceNotPublished",
  unit_outside_service: "errors.unitOutsideService",
  record_unit_fixed: "errors.recordUnitFixed",
  attachment_not_yours: "errors.attachmentNotYours",
} as const satisfies Record<string, `errors.${string}`>;

/** Every explanation toHttpError can pick: a key of the `errors` section of the dictionaries. */
export type ErrorMessageKey =
  | (typeof keyByCode)[keyof typeof keyByCode]
  | (typeof keyByReason)[keyof typeof keyByReason]
  | "errors.network"
  | "errors.sessionExpired"
  | "errors.permissionDenied"
  | "errors.rateLimited"
  | "errors.unknown";

export type RecordErrorReason = keyof typeof keyByReason;

export function isRecordErrorReason(value: unknown): value is RecordErrorReason {
  return typeof value === "string" && Object.hasOwn(keyByReason, value);
}

const statusByCode: Record<string, number> = {
  "42501": 403,
  PGRST116: 406,
  "23505": 409,
  "23503": 409,
  CGR01: 409,
  CGI01: 409,
  CGI02: 400,
  CGI03: 404,
  CGI04: 409,
  CGI05: 409,
  CGI06: 409,
  CGI07: 409,
  CGI08: 409,
};

type ErrorFields = { message?: unknown; code?: unknown; status?: unknown; statusCode?: unknown; details?: unknown; hint?: unknown; error_code?: unknown };

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function httpStatus(value: unknown): number | undefined {
  const n = typeof value === "string" ? Number.parseInt(value, 10) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 100 && n < 600 ? n : undefined;
}

function statusFromCode(code: string | undefined): number | undefined {
  if (!code) return undefined;
  if (sessionErrorCodes.has(code)) return 401;
  if (code in statusByCode) return statusByCode[code];
  // raise … using errcode = 'PT409': PostgREST answers with that HTTP status
  if (/^PT\d{3}$/.test(code)) return Number.parseInt(code.slice(2), 10);
  if (/^(22|23)/.test(code) || code.startsWith("PGRST1") || code === "P0001") return 400;
  return undefined;
}

function isNetworkFailure(message: string | undefined, status: number | undefined): boolean {
  return status === 0 || (message !== undefined && /failed to fetch|networkerror|fetch failed|load failed/i.test(message));
}

export function isSessionError(error: { statusCode?: number; code?: string } | undefined): boolean {
  if (!error) return false;
  return error.statusCode === 401 || (error.code !== undefined && sessionErrorCodes.has(error.code));
}

/** Already normalised (and perhaps localised by the data provider): keep it, with its reason. */
function isAppHttpError(e: unknown): e is AppHttpError {
  return typeof e === "object" && e !== null && typeof (e as AppHttpError).i18nKey === "string" && typeof (e as AppHttpError).statusCode === "number";
}

export function toHttpError(e: unknown): AppHttpError {
  if (isAppHttpError(e)) return e;
  const fields: ErrorFields = typeof e === "object" && e !== null ? (e as ErrorFields) : {};
  const message = str(fields.message) ?? (typeof e === "string" ? e : undefined) ?? "Unknown error";
  // GoTrue puts the machine code in `code` (auth-js) or `error_code` (raw body); Storage puts
  // it in `statusCode` as a string; PostgREST and Postgres put it in `code`.
  const storageCode = typeof fields.statusCode === "string" ? fields.statusCode : undefined;
  const code = str(fields.code) ?? str(fields.error_code) ?? storageCode;
  const rawStatus = httpStatus(fields.status) ?? (typeof fields.statusCode === "number" ? httpStatus(fields.statusCode) : undefined);
  const network = isNetworkFailure(message, typeof fields.status === "number" ? fields.status : rawStatus);

  const statusCode = rawStatus ?? statusFromCode(code) ?? (network ? 503 : 500);
  const reason = isRecordErrorReason(fields.message) ? fields.message : undefined;
  const i18nKey: ErrorMessageKey = network
    ? "errors.network"
    : reason !== undefined
      ? keyByReason[reason]
      : code !== undefined && code in keyByCode
        ? keyByCode[code as keyof typeof keyByCode]
        : isSessionError({ statusCode, code })
          ? "errors.sessionExpired"
          : statusCode === 403
            ? "errors.permissionDenied"
            : statusCode === 429
              ? "errors.rateLimited"
              : "errors.unknown";

  return {
    message,
    statusCode,
    i18nKey,
    ...(code !== undefined ? { code } : {}),
    ...(str(fields.details) ? { details: str(fields.details) } : {}),
    ...(str(fields.hint) ? { hint: str(fields.hint) } : {}),
    ...(reason !== undefined ? { reason } : {}),
  };
}

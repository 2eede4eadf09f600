// GoTrue's error shape and codes. supabase-js reads `error_code` (or `code` when it is a string
// under API version 2024-01-01) into AuthApiError.code, which the SPA translates.
import type { ServerResponse } from "node:http";
import { sendJson } from "./http.ts";

export const API_VERSION_HEADERS = { "x-supabase-api-version": "2024-01-01" } as const;

export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function sendAuthError(res: ServerResponse, error: AuthError): void {
  sendJson(
    res,
    error.status,
    { code: error.status, error_code: error.errorCode, msg: error.message, message: error.message, ...error.extra },
    API_VERSION_HEADERS,
  );
}

export const authErrors = {
  invalidCredentials: () => new AuthError(400, "invalid_credentials", "Invalid login credentials"),
  emailNotConfirmed: () => new AuthError(400, "email_not_confirmed", "Email not confirmed"),
  phoneNotConfirmed: () => new AuthError(400, "phone_not_confirmed", "Phone not confirmed"),
  userBanned: () => new AuthError(400, "user_banned", "User is banned"),
  validation: (message: string) => new AuthError(400, "validation_failed", message),
  badJson: (detail: string) => new AuthError(400, "bad_json", `Could not parse request body as JSON: ${detail}`),
  payloadTooLarge: (limit: number) => new AuthError(413, "request_too_large", `Request body exceeds ${limit} bytes`),
  unsupportedGrant: () => new AuthError(400, "validation_failed", "unsupported_grant_type"),
  emailInvalid: (email: string) => new AuthError(400, "email_address_invalid", `Email address "${email}" is invalid`),
  phoneInvalid: () => new AuthError(400, "validation_failed", "Invalid phone number format (E.164 required)"),
  refreshTokenNotFound: () => new AuthError(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found"),
  refreshTokenAlreadyUsed: () => new AuthError(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used"),
  noAuthorization: () => new AuthError(401, "no_authorization", "This endpoint requires a valid Bearer token"),
  badJwt: (detail: string) => new AuthError(403, "bad_jwt", `invalid JWT: unable to parse or verify signature, ${detail}`),
  missingSub: () => new AuthError(403, "bad_jwt", "invalid claim: missing sub claim"),
  sessionNotFound: () => new AuthError(403, "session_not_found", "Session from session_id claim in JWT does not exist"),
  userNotFoundFromJwt: () => new AuthError(403, "user_not_found", "User from sub claim in JWT does not exist"),
  userNotFound: () => new AuthError(404, "user_not_found", "User not found"),
  notAdmin: () => new AuthError(403, "not_admin", "User not allowed"),
  userAlreadyExists: () => new AuthError(422, "user_already_exists", "User already registered"),
  emailExists: () => new AuthError(422, "email_exists", "A user with this email address has already been registered"),
  phoneExists: () => new AuthError(422, "phone_exists", "A user with this phone number has already been registered"),
  weakPassword: (reasons: string[], message: string) => new AuthError(422, "weak_password", message, { weak_password: { reasons, message } }),
  samePassword: () => new AuthError(422, "same_password", "New password should be different from the old password."),
  notSupportedLocally: (what: string) => new AuthError(422, "feature_not_available", `${what} is not supported by the local auth server`),
  otpExpired: (message = "Token has expired or is invalid") => new AuthError(403, "otp_expired", message),
  /** GoTrue's per-user spacing of e-mails (SMTP max frequency, 60 s by default). */
  overEmailSendRateLimit: (seconds: number) =>
    new AuthError(429, "over_email_send_rate_limit", `For security purposes, you can only request this after ${seconds} seconds.`),
  notFound: () => new AuthError(404, "not_found", "Not found"),
  databaseError: (what: string) => new AuthError(500, "unexpected_failure", `Database error ${what}`),
};

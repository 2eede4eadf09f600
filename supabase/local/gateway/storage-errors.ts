// Supabase Storage's error shape: the HTTP status repeated as a string in `statusCode`, a short
// `error`, and since 2024 a machine-readable `code`, which storage-js exposes and the SPA translates.
import type { ServerResponse } from "node:http";
import { sendJson } from "./http.ts";

export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendStorageError(res: ServerResponse, e: StorageError): void {
  sendJson(res, e.status, { statusCode: String(e.status), code: e.code, error: e.error, message: e.message });
}

export const storageErrors = {
  rlsDenied: () => new StorageError(403, "Unauthorized", "AccessDenied", "new row violates row-level security policy"),
  missingAuthorization: () => new StorageError(400, "Error", "InvalidRequest", "headers must have required property 'authorization'"),
  invalidJwt: (message: string) => new StorageError(400, "Unauthorized", "InvalidJWT", message),
  roleNotAllowed: (role: string) => new StorageError(403, "Unauthorized", "AccessDenied", `role "${role}" is not allowed`),
  invalidSignature: () => new StorageError(400, "InvalidSignature", "InvalidSignature", "The url does not match the signature"),
  objectNotFound: () => new StorageError(404, "not_found", "NoSuchKey", "Object not found"),
  bucketNotFound: () => new StorageError(404, "Bucket not found", "NoSuchBucket", "Bucket not found"),
  duplicate: () => new StorageError(409, "Duplicate", "Duplicate", "The resource already exists"),
  bucketNotEmpty: () => new StorageError(409, "InvalidRequest", "InvalidRequest", "The bucket you tried to delete is not empty"),
  payloadTooLarge: () => new StorageError(413, "Payload too large", "EntityTooLarge", "The object exceeded the maximum allowed size"),
  invalidMimeType: (mimeType: string) => new StorageError(415, "invalid_mime_type", "InvalidMimeType", `mime type ${mimeType} is not supported`),
  invalidKey: (key: string) => new StorageError(400, "Invalid Input", "InvalidKey", `Invalid key: ${key}`),
  invalidBucketName: (name: string) => new StorageError(400, "Invalid Input", "InvalidBucketName", `Bucket name invalid: ${name}`),
  invalidRequest: (message: string) => new StorageError(400, "Bad Request", "InvalidRequest", message),
  badJson: () => new StorageError(400, "Bad Request", "InvalidRequest", "Body is not valid JSON"),
  notFound: () => new StorageError(404, "Not Found", "NotFound", "Route not found"),
  // Local additions (issue 7); hosted Storage answers these refusals with its generic 403.
  sessionRevoked: (message: string) => new StorageError(401, "Unauthorized", "InvalidJWT", message),
  membershipRequired: (message: string) => new StorageError(403, "Unauthorized", "AccessDenied", message),
  quotaExceeded: (message: string) => new StorageError(413, "Payload too large", "QuotaExceeded", message),
  keyConflict: (key: string) => new StorageError(409, "Conflict", "KeyConflict", `Key ${key} conflicts with an existing file or folder of the same name`),
};

type PgError = Error & { code?: string; hint?: string };

/** Maps what Postgres refused (as the caller's role) to Storage's answer; undefined = unexpected. */
export function fromPgError(error: unknown): StorageError | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, hint } = error as PgError;
  // The database's own refusals carry a stable message and a hint in Chinese and English.
  const explained = hint ? `${hint} (${error.message})` : error.message;
  if (code === "PT401") return storageErrors.sessionRevoked(explained);
  if (code === "42501" && error.message === "membership_required") return storageErrors.membershipRequired(explained);
  if (code === "42501" && error.message === "storage_quota_exceeded") return storageErrors.quotaExceeded(explained);
  if (code === "42501") return storageErrors.rlsDenied();
  if (code === "23505") return storageErrors.duplicate();
  if (code === "23503") return storageErrors.bucketNotEmpty();
  if (code === "23514" || code === "23502" || code?.startsWith("22")) return storageErrors.invalidRequest(error.message);
  if (code === "P0001") return storageErrors.invalidRequest(error.message);
  return undefined;
}

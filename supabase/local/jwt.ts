// HS256 JSON Web Tokens, the only algorithm the local stack issues or accepts.
// Hosted Supabase signs with the project's JWT secret the same way.
import { createHmac, timingSafeEqual } from "node:crypto";

export type JwtClaims = Record<string, unknown> & { exp?: number; iat?: number; nbf?: number; role?: string; sub?: string };

const base64url = (input: Buffer | string) => Buffer.from(input).toString("base64url");

export function signJwt(claims: JwtClaims, secret: string): string {
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

export type VerifyResult = { ok: true; claims: JwtClaims } | { ok: false; reason: "malformed" | "bad_signature" | "expired" | "not_yet_valid" };

export function verifyJwt(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): VerifyResult {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [header, payload, signature] = parts;
  let parsedHeader: { alg?: string };
  let claims: JwtClaims;
  try {
    parsedHeader = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (parsedHeader.alg !== "HS256" || typeof claims !== "object" || claims === null) return { ok: false, reason: "malformed" };
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  if (typeof claims.exp === "number" && claims.exp <= nowSeconds) return { ok: false, reason: "expired" };
  // A token that is not valid yet is refused like any invalid one (RFC 7519 §4.1.5); GoTrue,
  // Storage and PostgREST all check `nbf`. A non-numeric nbf cannot be honoured, so it is malformed.
  if (claims.nbf !== undefined && typeof claims.nbf !== "number") return { ok: false, reason: "malformed" };
  if (typeof claims.nbf === "number" && claims.nbf > nowSeconds) return { ok: false, reason: "not_yet_valid" };
  return { ok: true, claims };
}

/** The message hosted Storage (node-jsonwebtoken) gives for each refusal. */
export function jwtFailureMessage(reason: Extract<VerifyResult, { ok: false }>["reason"]): string {
  return { malformed: "jwt malformed", bad_signature: "invalid signature", expired: "jwt expired", not_yet_valid: "jwt not active" }[reason];
}

// The project-key check Supabase's API gateway (Kong key-auth) applies before /rest/v1 and
// /auth/v1: the `apikey` header, or `?apikey=`, must be one of the project's keys. Two formats
// are accepted, as on hosted Supabase: the legacy anon/service_role JWTs, and the new
// publishable (`sb_publishable_…`) and secret (`sb_secret_…`) keys, which are not JWTs: the
// gateway swaps them for the matching role's JWT before a request goes on, so PostgREST, the
// auth and the storage stand-ins only ever see JWTs.
import type { IncomingMessage } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { bearerToken } from "./http.ts";
import type { GatewayConfig } from "./options.ts";

/** `apiKey` is the JWT the key stands for (the key itself for a legacy key). */
export type ApiKeyCheck = { ok: true; apiKey: string } | { ok: false; status: 401; body: { message: string } };

const NEW_KEY = /^sb_(publishable|secret)_/;

function sameKey(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Hosted refuses a secret key sent by a browser: it would be readable by anyone using the page. */
function fromBrowser(req: IncomingMessage): boolean {
  return /^Mozilla\//.test(String(req.headers["user-agent"] ?? ""));
}

type KeyRole = { jwt: string; secret: boolean };

function roleOfKey(given: string, config: GatewayConfig): KeyRole | undefined {
  if (sameKey(given, config.anonKey) || sameKey(given, config.publishableKey)) return { jwt: config.anonKey, secret: false };
  if (sameKey(given, config.serviceKey)) return { jwt: config.serviceKey, secret: false };
  if (sameKey(given, config.secretKey)) return { jwt: config.serviceKey, secret: true };
  return undefined;
}

export function checkApiKey(req: IncomingMessage, url: URL, config: GatewayConfig): ApiKeyCheck {
  const header = req.headers.apikey;
  const given = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("apikey") ?? "";
  if (given === "") return { ok: false, status: 401, body: { message: "No API key found in request" } };
  const role = roleOfKey(given, config);
  if (!role) return { ok: false, status: 401, body: { message: "Invalid API key" } };
  if (role.secret && fromBrowser(req)) return { ok: false, status: 401, body: { message: "Forbidden use of secret API key in browser" } };
  return { ok: true, apiKey: role.jwt };
}

/**
 * supabase-js sends its key as the bearer token too while nobody is signed in. A new-format key
 * there (or in `apikey`, which Storage falls back to) is replaced by its role's JWT in place;
 * an unknown `sb_…` value is left alone, so the service behind refuses it as an invalid JWT.
 */
export function swapNewKeysForJwts(req: IncomingMessage, config: GatewayConfig): void {
  const bearer = bearerToken(req);
  if (bearer && NEW_KEY.test(bearer)) {
    const role = roleOfKey(bearer, config);
    if (role && !(role.secret && fromBrowser(req))) req.headers.authorization = `Bearer ${role.jwt}`;
  }
  const apikey = req.headers.apikey;
  if (typeof apikey === "string" && NEW_KEY.test(apikey)) {
    const role = roleOfKey(apikey, config);
    if (role && !(role.secret && fromBrowser(req))) req.headers.apikey = role.jwt;
  }
}

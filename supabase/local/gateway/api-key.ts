// The project-key check Supabase's API gateway (Kong key-auth) applies before /rest/v1 and
// /auth/v1: the `apikey` header, or `?apikey=`, must be exactly the anon or the service key.
import type { IncomingMessage } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { GatewayConfig } from "./options.ts";

export type ApiKeyCheck = { ok: true; apiKey: string } | { ok: false; status: 401; body: { message: string } };

function sameKey(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function checkApiKey(req: IncomingMessage, url: URL, config: GatewayConfig): ApiKeyCheck {
  const header = req.headers.apikey;
  const given = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("apikey") ?? "";
  if (given === "") return { ok: false, status: 401, body: { message: "No API key found in request" } };
  if (sameKey(given, config.anonKey) || sameKey(given, config.serviceKey)) return { ok: true, apiKey: given };
  return { ok: false, status: 401, body: { message: "Invalid API key" } };
}

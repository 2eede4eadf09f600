// The JWT secret and the project keys of the local stack: the legacy anon/service JWTs and hosted's
// new publishable/secret keys. Generated once into the git-ignored data folder, or taken from the
// environment (SUPABASE_JWT_SECRET, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY,
// SUPABASE_PUBLISHABLE_KEY, SUPABASE_SECRET_KEY) so a deployment can pin them. Never committed.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { signJwt } from "./jwt.ts";

export type StackKeys = {
  jwtSecret: string;
  anonKey: string;
  serviceKey: string;
  /** Hosted's new key format: not a JWT; the gateway maps it to the anon role (replaces anonKey). */
  publishableKey: string;
  /** Hosted's new key format: not a JWT; the gateway maps it to service_role (replaces serviceKey). */
  secretKey: string;
  dbPassword: string;
  authenticatorPassword: string;
};

export const PUBLISHABLE_PREFIX = "sb_publishable_";
export const SECRET_PREFIX = "sb_secret_";

function newKeyFromEnv(name: string, prefix: string): string | undefined {
  const value = process.env[name];
  if (!value) return undefined;
  if (!value.startsWith(prefix) || value.length < prefix.length + 16) {
    throw new Error(`${name} 必须以 ${prefix} 开头且足够长 / ${name} must start with ${prefix} and carry at least 16 more characters`);
  }
  return value;
}

const TEN_YEARS = 10 * 365 * 24 * 3600;

export function loadOrCreateKeys(file: string): StackKeys {
  let stored: Partial<StackKeys> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8"));
  const jwtSecret = process.env.SUPABASE_JWT_SECRET ?? stored.jwtSecret ?? randomBytes(36).toString("base64url");
  if (jwtSecret.length < 32) throw new Error("SUPABASE_JWT_SECRET must be at least 32 characters / JWT 密钥至少 32 个字符");
  const iat = Math.floor(Date.now() / 1000);
  const sameSecret = stored.jwtSecret === jwtSecret;
  const keys: StackKeys = {
    jwtSecret,
    anonKey:
      process.env.SUPABASE_ANON_KEY ||
      (sameSecret ? stored.anonKey : undefined) ||
      signJwt({ iss: "supabase", role: "anon", iat, exp: iat + TEN_YEARS }, jwtSecret),
    serviceKey:
      process.env.SUPABASE_SERVICE_ROLE_KEY ||
      (sameSecret ? stored.serviceKey : undefined) ||
      signJwt({ iss: "supabase", role: "service_role", iat, exp: iat + TEN_YEARS }, jwtSecret),
    publishableKey:
      newKeyFromEnv("SUPABASE_PUBLISHABLE_KEY", PUBLISHABLE_PREFIX) ?? stored.publishableKey ?? `${PUBLISHABLE_PREFIX}${randomBytes(16).toString("base64url")}`,
    secretKey: newKeyFromEnv("SUPABASE_SECRET_KEY", SECRET_PREFIX) ?? stored.secretKey ?? `${SECRET_PREFIX}${randomBytes(24).toString("base64url")}`,
    dbPassword: stored.dbPassword ?? randomBytes(18).toString("base64url"),
    authenticatorPassword: stored.authenticatorPassword ?? randomBytes(18).toString("base64url"),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

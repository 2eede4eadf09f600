// Rate limits on the auth endpoints. Per IP: GoTrue's defaults and algorithm (a token bucket of
// `burst` requests refilled at `perFiveMinutes` per 5 minutes; internal/conf/configuration.go,
// internal/api/apilimiter). Per account, ours on top: 30 failed sign-ins per account per minute,
// counted whether or not the account exists, so the limit itself reveals nothing.
// AUTH_RATE_LIMIT_EXEMPT_IPS (comma-separated) lifts the per-IP limits for those addresses only;
// the test stack sets it for 127.0.0.1, where every test runs from. Per-account limits always apply.
import type { IncomingMessage } from "node:http";
import { AuthError } from "./auth-errors.ts";

export type IpLimitedRoute = "token" | "verify" | "otp" | "recover" | "signup" | "user";

const FIVE_MINUTES = 5 * 60_000;
const IP_LIMITS: Record<IpLimitedRoute, { perFiveMinutes: number; burst: number }> = {
  token: { perFiveMinutes: 150, burst: 30 },
  verify: { perFiveMinutes: 30, burst: 30 },
  otp: { perFiveMinutes: 30, burst: 30 },
  recover: { perFiveMinutes: 30, burst: 30 },
  signup: { perFiveMinutes: 30, burst: 30 },
  user: { perFiveMinutes: 30, burst: 30 },
};

export const ACCOUNT_FAILURE_LIMIT = 30;
export const ACCOUNT_FAILURE_WINDOW_MS = 60_000;
/** Wrong recovery codes tolerated per e-mail address within the code's lifetime. */
export const OTP_FAILURE_LIMIT = 10;
export const OTP_FAILURE_WINDOW_MS = 60 * 60_000;
/** Bounds memory under a flood of distinct keys; the oldest keys go first. */
const MAX_KEYS = 50_000;

export const rateLimited = () => new AuthError(429, "over_request_rate_limit", "Request rate limit reached");

type Bucket = { tokens: number; at: number };

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_KEYS) map.delete(map.keys().next().value as string);
}

export function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? "";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

function exemptIps(): Set<string> {
  return new Set(
    (process.env.AUTH_RATE_LIMIT_EXEMPT_IPS ?? "")
      .split(",")
      .map((ip) => ip.trim())
      .filter(Boolean),
  );
}

export function createAuthRateLimits(now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const failures = new Map<string, number[]>();
  const exempt = exemptIps();

  /** Takes one request from the IP's bucket for this route, or throws GoTrue's 429. */
  function takeIpToken(route: IpLimitedRoute, ip: string): void {
    if (exempt.has(ip)) return;
    const { perFiveMinutes, burst } = IP_LIMITS[route];
    const key = `${route}|${ip}`;
    const t = now();
    const previous = buckets.get(key) ?? { tokens: burst, at: t };
    const tokens = Math.min(burst, previous.tokens + ((t - previous.at) * perFiveMinutes) / FIVE_MINUTES);
    if (tokens < 1) {
      remember(buckets, key, { tokens, at: t });
      throw rateLimited();
    }
    remember(buckets, key, { tokens: tokens - 1, at: t });
  }

  function recent(key: string, windowMs: number): number[] {
    const since = now() - windowMs;
    return (failures.get(key) ?? []).filter((at) => at > since);
  }

  /** Throws 429 while the key has `limit` failures within the window. */
  function checkFailures(key: string, limit = ACCOUNT_FAILURE_LIMIT, windowMs = ACCOUNT_FAILURE_WINDOW_MS): void {
    if (recent(key, windowMs).length >= limit) throw rateLimited();
  }

  function recordFailure(key: string, limit = ACCOUNT_FAILURE_LIMIT, windowMs = ACCOUNT_FAILURE_WINDOW_MS): void {
    remember(failures, key, [...recent(key, windowMs), now()].slice(-limit));
  }

  return { takeIpToken, checkFailures, recordFailure };
}

export type AuthRateLimits = ReturnType<typeof createAuthRateLimits>;

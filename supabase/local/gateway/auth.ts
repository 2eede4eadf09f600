// /auth/v1/*: the part of GoTrue's API that supabase-js uses for password accounts. Sign-up is
// auto-confirmed; recovery messages go to the local mailbox; everything else answers as hosted
// GoTrue does, rate limits and audit entries included.
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleAdmin } from "./auth-admin.ts";
import { writeAudit } from "./auth-audit.ts";
import { API_VERSION_HEADERS, AuthError, authErrors, sendAuthError } from "./auth-errors.ts";
import { clientIp, type IpLimitedRoute } from "./auth-rate-limit.ts";
import { recover, verifyGet, verifyPost } from "./auth-recovery.ts";
import { sendSmsOtp } from "./auth-sms-otp.ts";
import { authState, type AuthState } from "./auth-state.ts";
import { endSessions, refreshSession, requireUser, startSession, type LogoutScope, type TokenContext } from "./auth-tokens.ts";
import { createUser, hashPassword, needsRehash, passwordMatches, updateUser } from "./auth-user-write.ts";
import { findUserByEmail, findUserByPhone, goTruePhone, isBanned, isValidEmail, normalizeEmail, userJson, type UserRow } from "./auth-users.ts";
import { BadJsonError, PayloadTooLargeError, objectField, readJsonObject, sendEmpty, sendJson, stringField } from "./http.ts";
import type { GatewayConfig } from "./options.ts";

/** GoTrue refuses bodies over 1 MB (api.go limitRequestBody). */
const AUTH_BODY_BYTES = 1 << 20;

const SETTINGS = {
  external: { email: true, phone: true, anonymous_users: false },
  disable_signup: false,
  mailer_autoconfirm: true,
  phone_autoconfirm: true,
  sms_provider: "",
  saml_enabled: false,
};

function tokenContext(req: IncomingMessage, config: GatewayConfig): TokenContext {
  return {
    pool: config.pool,
    jwtSecret: config.jwtSecret,
    issuer: `${config.origin}/auth/v1`,
    userAgent: req.headers["user-agent"],
    ip: clientIp(req),
    log: config.log,
  };
}

const readBody = (req: IncomingMessage, config: GatewayConfig) => readJsonObject(req, Math.min(config.maxBodyBytes, AUTH_BODY_BYTES));

/**
 * Password sign-in. Unknown accounts cost one bcrypt comparison like known ones (a decoy hash),
 * and both count towards the per-account limit and are logged as login_failed.
 */
async function passwordGrant(body: Record<string, unknown>, ctx: TokenContext, state: AuthState) {
  const email = stringField(body, "email");
  const phone = stringField(body, "phone");
  const password = stringField(body, "password") ?? "";
  if (email && phone) throw authErrors.validation("Only an email address or phone number should be provided on login.");
  if (!email && !phone) throw authErrors.validation("missing email or phone");
  const stored = phone ? goTruePhone(phone) : undefined;
  const identifier = email ? normalizeEmail(email) : (stored ?? phone ?? "");
  const accountKey = `${email ? "email" : "phone"}|${identifier}`;
  state.limits.checkFailures(accountKey);
  let user: UserRow | undefined;
  if (email) user = await findUserByEmail(ctx.pool, email);
  else if (stored) user = await findUserByPhone(ctx.pool, stored);
  const hash = user?.encrypted_password ?? null;
  const valid = await passwordMatches(password, hash);
  if (!user || !valid) {
    state.limits.recordFailure(accountKey);
    await writeAudit(
      ctx.pool,
      { action: "login_failed", actor: user, username: identifier, ip: ctx.ip, traits: { provider: email ? "email" : "phone" } },
      ctx.log,
    );
    throw authErrors.invalidCredentials();
  }
  if (isBanned(user)) throw authErrors.userBanned();
  if (email && !user.email_confirmed_at) throw authErrors.emailNotConfirmed();
  if (phone && !user.phone_confirmed_at) throw authErrors.phoneNotConfirmed();
  const rehash = needsRehash(hash) ? await hashPassword(password) : undefined;
  return startSession(user, "password", ctx, { provider: email ? "email" : "phone", rehash });
}

async function token(req: IncomingMessage, url: URL, config: GatewayConfig, state: AuthState) {
  const body = await readBody(req, config);
  const ctx = tokenContext(req, config);
  const grant = url.searchParams.get("grant_type");
  if (grant === "password") return passwordGrant(body, ctx, state);
  if (grant === "refresh_token") {
    const refreshToken = stringField(body, "refresh_token");
    if (!refreshToken) throw authErrors.refreshTokenNotFound();
    return refreshSession(refreshToken, ctx);
  }
  throw authErrors.unsupportedGrant();
}

async function signup(req: IncomingMessage, config: GatewayConfig) {
  const body = await readBody(req, config);
  const rawEmail = stringField(body, "email");
  const rawPhone = stringField(body, "phone");
  const password = stringField(body, "password");
  if (!rawEmail && !rawPhone) throw authErrors.validation("To signup, please provide your email or phone number");
  if (!password) throw new AuthError(422, "validation_failed", "Signup requires a valid password");
  const email = rawEmail ? normalizeEmail(rawEmail) : undefined;
  if (email !== undefined && !isValidEmail(email)) throw authErrors.emailInvalid(rawEmail ?? "");
  const phone = rawPhone ? goTruePhone(rawPhone) : undefined;
  if (rawPhone && !phone) throw authErrors.phoneInvalid();
  const existing = email ? await findUserByEmail(config.pool, email) : await findUserByPhone(config.pool, phone ?? "");
  if (existing) throw authErrors.userAlreadyExists();
  const ctx = tokenContext(req, config);
  const provider = email ? "email" : "phone";
  const created = await createUser(
    config.pool,
    {
      email,
      phone: email ? undefined : phone,
      password,
      emailConfirmed: !!email,
      phoneConfirmed: !email,
      userMetadata: objectField(body, "data") ?? {},
      appMetadata: {},
    },
    config.log,
    (client, user) => writeAudit(client, { action: "user_signedup", actor: user, ip: ctx.ip, traits: { provider } }, config.log),
  ).catch((error: unknown) => {
    // Two sign-ups racing for one address: the loser sees what it would have seen a moment later.
    if (error instanceof AuthError && (error.errorCode === "email_exists" || error.errorCode === "phone_exists")) throw authErrors.userAlreadyExists();
    throw error;
  });
  return startSession(created, "password", ctx, { provider });
}

/** PUT /user. A new password ends the user's other sessions, as GoTrue's UpdatePassword does. */
async function updateOwnUser(req: IncomingMessage, config: GatewayConfig) {
  const { user, sessionId } = await requireUser(req, config.pool, config.jwtSecret);
  const body = await readBody(req, config);
  const email = stringField(body, "email");
  const phone = stringField(body, "phone");
  if ((email !== undefined && normalizeEmail(email) !== (user.email ?? "")) || (phone !== undefined && goTruePhone(phone) !== (user.phone ?? ""))) {
    throw authErrors.notSupportedLocally("Changing the email address or phone number");
  }
  const password = stringField(body, "password");
  if (password !== undefined && (await passwordMatches(password, user.encrypted_password))) throw authErrors.samePassword();
  const ip = clientIp(req);
  const updated = await updateUser(config.pool, user.id, { password, userMetadata: objectField(body, "data") }, config.log, {
    keepSessionId: sessionId,
    onUpdated: async (client, row) => {
      if (password !== undefined) await writeAudit(client, { action: "user_updated_password", actor: row, ip }, config.log);
      else await writeAudit(client, { action: "user_modified", actor: row, ip }, config.log);
    },
  });
  return userJson(config.pool, updated);
}

async function logout(req: IncomingMessage, url: URL, config: GatewayConfig): Promise<void> {
  const scope = url.searchParams.get("scope") ?? "global";
  if (scope !== "global" && scope !== "local" && scope !== "others") throw authErrors.validation(`Unsupported logout scope "${scope}"`);
  const { user, sessionId } = await requireUser(req, config.pool, config.jwtSecret);
  await endSessions(user, sessionId, scope as LogoutScope, tokenContext(req, config));
}

/** Which per-IP bucket a request draws from (GoTrue's routes and defaults). */
function ipLimitedRoute(method: string, path: string): IpLimitedRoute | undefined {
  if (method === "POST" && path === "/token") return "token";
  if (path === "/verify" && (method === "POST" || method === "GET")) return "verify";
  if (method === "POST" && path === "/recover") return "recover";
  if (method === "POST" && path === "/signup") return "signup";
  if (method === "POST" && path === "/otp") return "otp";
  if (method === "PUT" && path === "/user") return "user";
  return undefined;
}

async function route(req: IncomingMessage, res: ServerResponse, path: string, url: URL, config: GatewayConfig): Promise<void> {
  const method = req.method ?? "GET";
  const ok = (body: unknown) => sendJson(res, 200, body, API_VERSION_HEADERS);
  if (path.startsWith("/admin/")) return handleAdmin(req, res, path, url, config);
  const state = authState(config);
  const limited = ipLimitedRoute(method, path);
  if (limited) state.limits.takeIpToken(limited, clientIp(req));
  if (method === "GET" && path === "/health")
    return ok({ version: "local", name: "GoTrue", description: "GoTrue is a user registration and authentication API" });
  if (method === "GET" && path === "/settings") return ok(SETTINGS);
  if (method === "POST" && path === "/token") return ok(await token(req, url, config, state));
  if (method === "POST" && path === "/signup") return ok(await signup(req, config));
  if (method === "POST" && path === "/otp") return ok(await sendSmsOtp(req, config, state, tokenContext(req, config)));
  if (method === "POST" && path === "/recover") return ok(await recover(req, url, config, state, tokenContext(req, config)));
  if (method === "POST" && path === "/verify") return ok(await verifyPost(req, config, state, tokenContext(req, config)));
  if (method === "GET" && path === "/verify") return verifyGet(res, url, config, tokenContext(req, config));
  if (method === "GET" && path === "/user") {
    const { user } = await requireUser(req, config.pool, config.jwtSecret);
    return ok(await userJson(config.pool, user));
  }
  if (method === "PUT" && path === "/user") return ok(await updateOwnUser(req, config));
  if (method === "POST" && path === "/logout") {
    await logout(req, url, config);
    return sendEmpty(res, 204, API_VERSION_HEADERS);
  }
  throw authErrors.notFound();
}

/** Routes hosted Kong serves without an apikey (auth-v1-open): what a link in a message opens. */
export function isOpenAuthPath(pathname: string): boolean {
  return pathname.replace(/\/+$/, "") === "/auth/v1/verify";
}

export async function handleAuth(req: IncomingMessage, res: ServerResponse, url: URL, config: GatewayConfig): Promise<void> {
  const path = url.pathname.slice("/auth/v1".length).replace(/\/+$/, "") || "/";
  try {
    await route(req, res, path, url, config);
  } catch (error) {
    if (error instanceof AuthError) return sendAuthError(res, error);
    if (error instanceof PayloadTooLargeError) return sendAuthError(res, authErrors.payloadTooLarge(error.limit));
    if (error instanceof BadJsonError) return sendAuthError(res, authErrors.badJson(error.message));
    if (error instanceof URIError) return sendAuthError(res, authErrors.validation("Malformed URL encoding"));
    throw error;
  }
}

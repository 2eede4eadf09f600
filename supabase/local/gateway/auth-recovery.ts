// "Forgot password" as GoTrue does it (internal/api/recover.go, verify.go, mail.go): /recover
// stores sha224(email + code) in auth.users.recovery_token and "sends" a link and a 6-digit code;
// /verify exchanges either for a session, once, within an hour. Locally the message goes to the
// mailbox (auth-mailbox.ts) instead of an SMTP server.
import { createHash, randomInt } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { writeAudit } from "./auth-audit.ts";
import { AuthError, authErrors } from "./auth-errors.ts";
import { OTP_FAILURE_LIMIT, OTP_FAILURE_WINDOW_MS } from "./auth-rate-limit.ts";
import type { AuthState } from "./auth-state.ts";
import { verifySmsOtp } from "./auth-sms-otp.ts";
import { inTransaction, startSession, type TokenContext } from "./auth-tokens.ts";
import { findUserByEmail, isBanned, isValidEmail, normalizeEmail, USER_COLUMNS, type UserRow } from "./auth-users.ts";
import { readJsonObject, stringField } from "./http.ts";
import type { GatewayConfig } from "./options.ts";

/** GoTrue's defaults: SMTP max frequency 60 s, mailer OTP expiry 1 h, OTP length 6. */
const RESEND_SECONDS = 60;
const OTP_SECONDS = 3600;
const EMAIL_TYPES = new Set(["recovery", "magiclink", "email"]);

export const tokenHash = (emailOrPhone: string, otp: string) =>
  createHash("sha224")
    .update(emailOrPhone + otp)
    .digest("hex");

const isLoopbackHost = (hostname: string) => hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";

/**
 * Where a link may send its tokens: this site, or a development server on this machine. Anything
 * else falls back to the site, as GoTrue falls back to SITE_URL, so a recovery requested with an
 * attacker's redirect_to never delivers the victim's session to the attacker.
 */
export function allowedRedirect(config: GatewayConfig, raw: string | null | undefined): string {
  const site = `${config.origin}/`;
  if (!raw) return site;
  try {
    const target = new URL(raw);
    if (target.origin === new URL(site).origin) return target.toString();
    if (target.protocol === "http:" && isLoopbackHost(target.hostname) && isLoopbackHost(new URL(site).hostname)) return target.toString();
  } catch {
    // Not a URL: use the site.
  }
  return site;
}

function recoveryMessage(email: string, link: string, otp: string) {
  return {
    to: email,
    subject: "重置密码 / Reset your password",
    text:
      `有人（希望是您）请求重置 ${email} 的密码。打开下面的链接设置新密码，1 小时内有效：\n${link}\n` +
      `或输入验证码：${otp}\n如果不是您本人操作，请忽略此邮件。\n\n` +
      `Someone (hopefully you) asked to reset the password of ${email}. Follow the link to set a new one; it is valid for 1 hour.\n` +
      `Or enter the code ${otp}. If this was not you, ignore this message.`,
    link,
    linkLabel: "重置密码 / Reset password",
    code: otp,
  };
}

/** POST /recover {email}: 200 {} whether or not the address has an account. */
export async function recover(req: IncomingMessage, url: URL, config: GatewayConfig, state: AuthState, ctx: TokenContext): Promise<Record<string, never>> {
  const body = await readJsonObject(req, Math.min(config.maxBodyBytes, 1 << 20));
  const raw = stringField(body, "email") ?? "";
  if (raw === "") throw authErrors.validation("Password recovery requires an email");
  if (stringField(body, "code_challenge")) throw authErrors.notSupportedLocally("The PKCE flow");
  const email = normalizeEmail(raw);
  if (!isValidEmail(email)) throw authErrors.validation("Unable to validate email address: invalid format");
  const user = await findUserByEmail(config.pool, email);
  if (!user) return {};
  const otp = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const hash = tokenHash(email, otp);
  const sent = await inTransaction(config.pool, async (client) => {
    // One statement decides, so two racing requests cannot both send.
    const { rows } = await client.query<{ wait: number | null }>(
      `with claimed as (
         update auth.users set recovery_token = $2, recovery_sent_at = now()
          where id = $1 and (recovery_sent_at is null or recovery_sent_at <= now() - make_interval(secs => $3))
          returning 1)
       select case when exists (select 1 from claimed) then null
              else ceil(extract(epoch from (recovery_sent_at + make_interval(secs => $3) - now())))::int end as wait
         from auth.users where id = $1`,
      [user.id, hash, RESEND_SECONDS],
    );
    if (rows[0]?.wait != null) return rows[0].wait;
    await writeAudit(client, { action: "user_recovery_requested", actor: user, ip: ctx.ip }, ctx.log);
    return null;
  });
  if (sent !== null) throw authErrors.overEmailSendRateLimit(Math.max(1, sent));
  const redirectTo = allowedRedirect(config, url.searchParams.get("redirect_to") ?? stringField(body, "redirect_to"));
  const link = `${config.origin}/auth/v1/verify?token=${hash}&type=recovery&redirect_to=${encodeURIComponent(redirectTo)}`;
  state.mailbox.deliver(recoveryMessage(email, link, otp));
  return {};
}

async function userByTokenHash(config: GatewayConfig, hash: string): Promise<UserRow | undefined> {
  if (!/^[0-9a-f]{56}$/.test(hash)) return undefined;
  const { rows } = await config.pool.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where recovery_token = $1 and deleted_at is null
        and recovery_sent_at > now() - make_interval(secs => $2)`,
    [hash, OTP_SECONDS],
  );
  return rows[0];
}

/** Burns the token (GoTrue's Recover), confirms an unconfirmed address, and signs the user in. */
async function redeem(config: GatewayConfig, user: UserRow, hash: string, ctx: TokenContext, expired: () => AuthError) {
  if (isBanned(user)) throw new AuthError(403, "user_banned", "User is banned");
  const burnt = await inTransaction(config.pool, async (client) => {
    const { rowCount } = await client.query(`update auth.users set recovery_token = '' where id = $1 and recovery_token = $2`, [user.id, hash]);
    if (!rowCount) return false;
    if (!user.email_confirmed_at) {
      await writeAudit(client, { action: "user_signedup", actor: user, ip: ctx.ip, traits: { provider: "email" } }, ctx.log);
      await client.query(`update auth.users set email_confirmed_at = now() where id = $1`, [user.id]);
    }
    return true;
  });
  if (!burnt) throw expired();
  return startSession(user, "otp", ctx);
}

/** POST /verify: {type, token_hash} or {type, token, email}; answers a session. */
export async function verifyPost(req: IncomingMessage, config: GatewayConfig, state: AuthState, ctx: TokenContext) {
  const body = await readJsonObject(req, Math.min(config.maxBodyBytes, 1 << 20));
  const type = stringField(body, "type") ?? "";
  const token = stringField(body, "token") ?? "";
  const givenHash = stringField(body, "token_hash") ?? "";
  if (type === "") throw authErrors.validation("Verify requires a verification type");
  if ((token === "") === (givenHash === "")) throw authErrors.validation("Verify requires either a token or a token hash");
  if (type === "sms" && token) return verifySmsOtp(body, state, ctx);
  if (type === "sms" || type === "phone_change") throw authErrors.notSupportedLocally("Phone changes and SMS token hashes");
  if (!EMAIL_TYPES.has(type)) throw authErrors.otpExpired();
  if (givenHash) {
    if (body.email || body.phone || body.redirect_to) throw authErrors.validation("Only the token_hash and type should be provided");
    const user = await userByTokenHash(config, givenHash);
    const expired = () => authErrors.otpExpired("Email link is invalid or has expired");
    if (!user) throw expired();
    return redeem(config, user, givenHash, ctx, expired);
  }
  const email = normalizeEmail(stringField(body, "email") ?? "");
  if (!isValidEmail(email)) throw new AuthError(422, "validation_failed", "Invalid email format");
  // A 6-digit code can be guessed; the per-address budget ends that long before the hour is up.
  const failureKey = `otp|${email}`;
  state.limits.checkFailures(failureKey, OTP_FAILURE_LIMIT, OTP_FAILURE_WINDOW_MS);
  const hash = tokenHash(email, token);
  const user = await userByTokenHash(config, hash);
  if (!user || normalizeEmail(user.email ?? "") !== email) {
    state.limits.recordFailure(failureKey, OTP_FAILURE_LIMIT, OTP_FAILURE_WINDOW_MS);
    throw authErrors.otpExpired();
  }
  return redeem(config, user, hash, ctx, () => authErrors.otpExpired());
}

const OAUTH_ERRORS: Record<number, string> = { 400: "invalid_request", 401: "unauthorized_client", 403: "access_denied", 500: "server_error" };

/** GET /verify?token=…&type=…&redirect_to=…: a 303 to redirect_to with the session (or the error) in the fragment. */
export async function verifyGet(res: ServerResponse, url: URL, config: GatewayConfig, ctx: TokenContext): Promise<void> {
  const type = url.searchParams.get("type") ?? "";
  const token = url.searchParams.get("token") ?? "";
  if (type === "") throw authErrors.validation("Verify requires a verification type");
  if (token === "") throw authErrors.validation("Verify requires a token or a token hash");
  const target = new URL(allowedRedirect(config, url.searchParams.get("redirect_to")));
  const fragment = new URLSearchParams();
  try {
    const expired = () => authErrors.otpExpired("Email link is invalid or has expired");
    if (!EMAIL_TYPES.has(type) || type === "email") throw expired();
    const user = await userByTokenHash(config, token);
    if (!user) throw expired();
    const session = await redeem(config, user, token, ctx, expired);
    fragment.set("access_token", session.access_token);
    fragment.set("expires_at", String(session.expires_at));
    fragment.set("expires_in", String(session.expires_in));
    fragment.set("refresh_token", session.refresh_token);
    fragment.set("token_type", session.token_type);
    fragment.set("type", type);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    fragment.set("error", OAUTH_ERRORS[error.status] ?? "server_error");
    fragment.set("error_code", error.errorCode);
    fragment.set("error_description", error.message);
    fragment.set("sb", "");
  }
  target.hash = fragment.toString();
  res.writeHead(303, { location: target.toString(), "cache-control": "no-store", "referrer-policy": "no-referrer" });
  res.end();
}

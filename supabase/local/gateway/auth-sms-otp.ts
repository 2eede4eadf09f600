// Sign-in by SMS code, as GoTrue does it for an existing account (internal/api/otp.go SmsOtp,
// phone.go sendPhoneConfirmation, verify.go type "sms"): /otp stores sha224(phone + code) in
// auth.users.confirmation_token and "sends" the code, at most once a minute; /verify type sms
// exchanges it for a session within 60 s (GoTrue's sms otp_exp). Locally the SMS goes to the
// mailbox. Used to recover an account that has only a phone number.
import { randomInt } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { writeAudit } from "./auth-audit.ts";
import { AuthError, authErrors } from "./auth-errors.ts";
import { OTP_FAILURE_LIMIT, OTP_FAILURE_WINDOW_MS } from "./auth-rate-limit.ts";
import { tokenHash } from "./auth-recovery.ts";
import type { AuthState } from "./auth-state.ts";
import { inTransaction, startSession, type TokenContext } from "./auth-tokens.ts";
import { findUserByPhone, goTruePhone, isBanned } from "./auth-users.ts";
import { readJsonObject, stringField } from "./http.ts";
import type { GatewayConfig } from "./options.ts";

const SMS_RESEND_SECONDS = 60;
const SMS_OTP_SECONDS = 60;

const readBody = (req: IncomingMessage, config: GatewayConfig) => readJsonObject(req, Math.min(config.maxBodyBytes, 1 << 20));

/** POST /otp {phone, create_user}: a code for an existing account. E-mail magic links are not offered locally. */
export async function sendSmsOtp(req: IncomingMessage, config: GatewayConfig, state: AuthState, ctx: TokenContext): Promise<{ message_id: string }> {
  const body = await readBody(req, config);
  const raw = stringField(body, "phone");
  if (stringField(body, "email")) throw authErrors.notSupportedLocally("Sign-in links by e-mail (use password recovery)");
  if (!raw) throw authErrors.validation("Only an email address or phone number should be provided");
  const phone = goTruePhone(raw);
  if (!phone) throw authErrors.phoneInvalid();
  const user = await findUserByPhone(config.pool, phone);
  if (!user) {
    if (body.create_user === false) throw new AuthError(422, "otp_disabled", "Signups not allowed for otp");
    throw authErrors.notSupportedLocally("Creating an account by SMS code");
  }
  const otp = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const wait = await inTransaction(config.pool, async (client) => {
    const { rows } = await client.query<{ wait: number | null }>(
      `with claimed as (
         update auth.users set confirmation_token = $2, confirmation_sent_at = now()
          where id = $1 and (confirmation_sent_at is null or confirmation_sent_at <= now() - make_interval(secs => $3))
          returning 1)
       select case when exists (select 1 from claimed) then null
              else ceil(extract(epoch from (confirmation_sent_at + make_interval(secs => $3) - now())))::int end as wait
         from auth.users where id = $1`,
      [user.id, tokenHash(phone, otp), SMS_RESEND_SECONDS],
    );
    if (rows[0]?.wait != null) return rows[0].wait;
    await writeAudit(client, { action: "user_recovery_requested", actor: user, ip: ctx.ip, traits: { channel: "sms" } }, ctx.log);
    return null;
  });
  if (wait !== null)
    throw new AuthError(429, "over_sms_send_rate_limit", `For security purposes, you can only request this after ${Math.max(1, wait)} seconds.`);
  const message = state.mailbox.deliver({
    to: `+${phone}`,
    subject: "短信验证码 / SMS code",
    text: `【社区治理】您的验证码是 ${otp}，1 分钟内有效。如非本人操作，请忽略。\nYour code is ${otp}, valid for 1 minute. If this was not you, ignore this message.`,
    code: otp,
  });
  return { message_id: message.id };
}

/** POST /verify {type: "sms", phone, token}: the code for a session. */
export async function verifySmsOtp(body: Record<string, unknown>, state: AuthState, ctx: TokenContext) {
  const phone = goTruePhone(stringField(body, "phone") ?? "");
  if (!phone) throw authErrors.phoneInvalid();
  const token = stringField(body, "token") ?? "";
  const failureKey = `otp|phone|${phone}`;
  state.limits.checkFailures(failureKey, OTP_FAILURE_LIMIT, OTP_FAILURE_WINDOW_MS);
  const user = await findUserByPhone(ctx.pool, phone);
  const hash = tokenHash(phone, token);
  if (user && isBanned(user)) throw new AuthError(403, "user_banned", "User is banned");
  // Burn the code and confirm the phone in one statement, so a code works once.
  const { rowCount } = user
    ? await ctx.pool.query(
        `update auth.users set confirmation_token = '', phone_confirmed_at = coalesce(phone_confirmed_at, now())
          where id = $1 and confirmation_token = $2 and confirmation_sent_at > now() - make_interval(secs => $3)`,
        [user.id, hash, SMS_OTP_SECONDS],
      )
    : { rowCount: 0 };
  if (!user || !rowCount) {
    state.limits.recordFailure(failureKey, OTP_FAILURE_LIMIT, OTP_FAILURE_WINDOW_MS);
    throw authErrors.otpExpired();
  }
  return startSession(user, "otp", ctx, { provider: "phone" });
}

// "Forgot password" through GoTrue's /recover and /verify, with the local mailbox standing in for
// e-mail: request → message in the mailbox → link or code → signed in → new password works, the
// old one fails; unknown addresses get the same 200 and no message; links work once.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  admin,
  anon,
  authCall,
  claimsOf,
  dbUrl,
  mailboxFor,
  makeUser,
  PASSWORD,
  remember,
  removeMadeUsers,
  uniqueEmail,
  uniqueNational,
  url,
} from "../support/auth-wire";

const db = new pg.Client({ connectionString: dbUrl });
const NEW_PASSWORD = "Renewed@2026";
const redirectTo = `${url}/reset-password`;

beforeAll(async () => {
  await db.connect();
});

afterAll(async () => {
  await db.end();
  await removeMadeUsers();
});

async function followLink(link: string): Promise<URL> {
  const response = await fetch(link, { redirect: "manual" });
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location")!);
}

describe("recovery by link", () => {
  it("request → mailbox → link signs in → the new password works and the old one fails; the link works once", async () => {
    const user = await makeUser("recover");
    const { error } = await anon().auth.resetPasswordForEmail(user.email, { redirectTo });
    expect(error).toBeNull();
    const [message, ...others] = await mailboxFor(user.email);
    expect(others).toEqual([]);
    expect(message.subject).toContain("Reset your password");
    expect(message.code).toMatch(/^\d{6}$/);
    expect(message.link).toContain("/auth/v1/verify?token=");

    // Stored hashed, as GoTrue stores it: sha224(email + code), never the code.
    const { rows } = await db.query<{ recovery_token: string }>("select recovery_token from auth.users where id = $1", [user.id]);
    expect(rows[0].recovery_token).toMatch(/^[0-9a-f]{56}$/);
    expect(rows[0].recovery_token).not.toContain(message.code!);

    const landed = await followLink(message.link!);
    expect(`${landed.origin}${landed.pathname}`).toBe(redirectTo);
    const fragment = new URLSearchParams(landed.hash.slice(1));
    expect(fragment.get("type")).toBe("recovery");
    expect(claimsOf(fragment.get("access_token")!).sub).toBe(user.id);

    const browser = anon();
    const { error: sessionError } = await browser.auth.setSession({
      access_token: fragment.get("access_token")!,
      refresh_token: fragment.get("refresh_token")!,
    });
    expect(sessionError).toBeNull();
    expect((await browser.auth.updateUser({ password: NEW_PASSWORD })).error).toBeNull();
    expect((await anon().auth.signInWithPassword({ email: user.email, password: PASSWORD })).error?.code).toBe("invalid_credentials");
    expect((await anon().auth.signInWithPassword({ email: user.email, password: NEW_PASSWORD })).error).toBeNull();

    const again = new URLSearchParams((await followLink(message.link!)).hash.slice(1));
    expect(again.get("access_token")).toBeNull();
    expect(again.get("error_code")).toBe("otp_expired");
  });

  it("a second request within 60 s is 429 over_email_send_rate_limit, and sends nothing", async () => {
    const user = await makeUser("recover-twice");
    expect((await anon().auth.resetPasswordForEmail(user.email, { redirectTo })).error).toBeNull();
    const second = await authCall("/recover", { body: { email: user.email } });
    expect(second.status).toBe(429);
    expect(second.body.error_code).toBe("over_email_send_rate_limit");
    expect(await mailboxFor(user.email)).toHaveLength(1);
  });

  it("an unknown address gets the same 200 and no message", async () => {
    const nobody = uniqueEmail("nobody");
    const answer = await authCall("/recover", { body: { email: nobody } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({});
    expect(await mailboxFor(nobody)).toEqual([]);
  });

  it("a redirect_to on another site is replaced by this site, so a link never delivers a session elsewhere", async () => {
    const user = await makeUser("recover-evil");
    await anon().auth.resetPasswordForEmail(user.email, { redirectTo: "https://evil.example/steal" });
    const [message] = await mailboxFor(user.email);
    const landed = await followLink(message.link!);
    expect(landed.origin).toBe(new URL(url).origin);
  });
});

describe("recovery by code", () => {
  it("verifyOtp with the e-mailed code signs in; a wrong code is 403 otp_expired", async () => {
    const user = await makeUser("recover-code");
    await anon().auth.resetPasswordForEmail(user.email, { redirectTo });
    const [message] = await mailboxFor(user.email);
    const wrongCode = message.code === "000000" ? "111111" : "000000";
    const wrong = await anon().auth.verifyOtp({ email: user.email, token: wrongCode, type: "recovery" });
    expect(wrong.error?.status).toBe(403);
    expect(wrong.error?.code).toBe("otp_expired");
    const right = await anon().auth.verifyOtp({ email: user.email, token: message.code!, type: "recovery" });
    expect(right.error).toBeNull();
    expect(right.data.user?.id).toBe(user.id);
  });

  it("a banned user's link signs nobody in", async () => {
    const user = await makeUser("recover-banned");
    await anon().auth.resetPasswordForEmail(user.email, { redirectTo });
    await admin.auth.admin.updateUserById(user.id, { ban_duration: "24h" });
    const [message] = await mailboxFor(user.email);
    const fragment = new URLSearchParams((await followLink(message.link!)).hash.slice(1));
    expect(fragment.get("access_token")).toBeNull();
    expect(fragment.get("error_code")).toBe("user_banned");
  });
});

describe("recovery by SMS code (an account with a phone number)", () => {
  it("a code to the phone signs in once; then a new password works and the old one fails", async () => {
    const phone = `+86${uniqueNational()}`;
    const { data, error } = await admin.auth.admin.createUser({ phone, password: PASSWORD, phone_confirm: true });
    expect(error).toBeNull();
    remember(data.user!.id);

    expect((await anon().auth.signInWithOtp({ phone, options: { shouldCreateUser: false } })).error).toBeNull();
    const [sms, ...more] = await mailboxFor(phone);
    expect(more).toEqual([]);
    expect(sms.code).toMatch(/^\d{6}$/);
    const again = await authCall("/otp", { body: { phone, create_user: false } });
    expect(again.status).toBe(429);
    expect(again.body.error_code).toBe("over_sms_send_rate_limit");

    const wrong = await anon().auth.verifyOtp({ phone, token: sms.code === "000000" ? "111111" : "000000", type: "sms" });
    expect(wrong.error?.code).toBe("otp_expired");
    const browser = anon();
    const right = await browser.auth.verifyOtp({ phone, token: sms.code!, type: "sms" });
    expect(right.error).toBeNull();
    expect(right.data.user?.id).toBe(data.user!.id);
    expect((await anon().auth.verifyOtp({ phone, token: sms.code!, type: "sms" })).error?.code).toBe("otp_expired");

    expect((await browser.auth.updateUser({ password: NEW_PASSWORD })).error).toBeNull();
    expect((await anon().auth.signInWithPassword({ phone, password: PASSWORD })).error?.code).toBe("invalid_credentials");
    expect((await anon().auth.signInWithPassword({ phone, password: NEW_PASSWORD })).error).toBeNull();
  });

  it("an unknown number gets GoTrue's 422 otp_disabled without create_user, and no SMS", async () => {
    const phone = `+86${uniqueNational()}`;
    const answer = await authCall("/otp", { body: { phone, create_user: false } });
    expect(answer.status).toBe(422);
    expect(answer.body.error_code).toBe("otp_disabled");
    expect(await mailboxFor(phone)).toEqual([]);
  });
});

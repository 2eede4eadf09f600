// Brute force answered with GoTrue's 429: 30 failed sign-ins per account per minute (ours, counted
// for unknown accounts too), and GoTrue's per-IP buckets, met here from 127.0.0.x since the test
// stack lifts them for 127.0.0.1 only. Each limit is shown with the request just before it allowed.
import { afterAll, describe, expect, it } from "vitest";
import { authCall, makeUser, PASSWORD, removeMadeUsers, run, uniqueEmail } from "../support/auth-wire";

afterAll(removeMadeUsers);

const limited = { code: 429, error_code: "over_request_rate_limit", msg: "Request rate limit reached" };
const signIn = (email: string, password: string, from?: string) => authCall("/token?grant_type=password", { body: { email, password }, from });

describe("per account: 30 failed sign-ins a minute", () => {
  it("the 31st wrong password within a minute is 429, the right one too, while another account signs in", async () => {
    const victim = await makeUser("brute");
    const bystander = await makeUser("bystander");
    for (let attempt = 1; attempt <= 30; attempt++) {
      const wrong = await signIn(victim.email, `wrong-${attempt}-pw`);
      expect(wrong.status, `attempt ${attempt}`).toBe(400);
      expect(wrong.body.error_code).toBe("invalid_credentials");
    }
    const thirtyFirst = await signIn(victim.email, "wrong-31-pw");
    expect(thirtyFirst.status).toBe(429);
    expect(thirtyFirst.body).toMatchObject(limited);
    // Guessing right now does not help the attacker: the account is closed for the minute.
    expect((await signIn(victim.email, PASSWORD)).status).toBe(429);
    // Only that account: a different one signs in from the same address.
    const other = await signIn(bystander.email, PASSWORD);
    expect(other.status).toBe(200);
    expect(other.body.access_token).toBeTruthy();
  });

  it("an unknown address is limited the same way, so the limit reveals nothing", async () => {
    const nobody = `nobody-${run}@test.local`;
    for (let attempt = 1; attempt <= 30; attempt++) expect((await signIn(nobody, `guess-${attempt}-pw`)).status).toBe(400);
    expect((await signIn(nobody, "guess-31-pw")).body).toMatchObject(limited);
  });
});

describe("per IP: GoTrue's defaults (burst 30)", () => {
  it("/recover: 30 requests from one address pass, the 31st is 429; 127.0.0.1 (lifted) still passes", async () => {
    const from = "127.0.0.2";
    for (let request = 1; request <= 30; request++) {
      const answer = await authCall("/recover", { body: { email: uniqueEmail("nobody") }, from });
      expect(answer.status, `request ${request}`).toBe(200);
    }
    const over = await authCall("/recover", { body: { email: uniqueEmail("nobody") }, from });
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject(limited);
    expect((await authCall("/recover", { body: { email: uniqueEmail("nobody") } })).status).toBe(200);
  });

  it("/token: the 31st request in a burst from one address is 429, whatever the grant", async () => {
    const from = "127.0.0.3";
    for (let request = 1; request <= 30; request++) {
      const answer = await authCall("/token?grant_type=refresh_token", { body: { refresh_token: `never-issued-${request}` }, from });
      expect(answer.status, `request ${request}`).toBe(400);
    }
    expect((await authCall("/token?grant_type=refresh_token", { body: { refresh_token: "never-issued-31" }, from })).body).toMatchObject(limited);
  });
});

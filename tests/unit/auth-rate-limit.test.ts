// The gateway's limiter on its own clock: GoTrue's token bucket per IP (burst, then a steady
// refill) and our sliding window of failures per account.
import { describe, expect, it } from "vitest";
import { createAuthRateLimits } from "../../supabase/local/gateway/auth-rate-limit";

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const refused = (fn: () => void) => {
  try {
    fn();
    return false;
  } catch (error) {
    return (error as { status?: number; errorCode?: string }).status === 429 && (error as { errorCode?: string }).errorCode === "over_request_rate_limit";
  }
};

describe("per IP (token: burst 30, 150 per 5 minutes)", () => {
  it("allows a burst of 30, refuses the 31st, and gives one request back every 2 s", () => {
    const time = clock();
    const limits = createAuthRateLimits(time.now);
    for (let i = 0; i < 30; i++) expect(refused(() => limits.takeIpToken("token", "203.0.113.9"))).toBe(false);
    expect(refused(() => limits.takeIpToken("token", "203.0.113.9"))).toBe(true);
    expect(refused(() => limits.takeIpToken("token", "203.0.113.10"))).toBe(false);
    time.advance(2_000);
    expect(refused(() => limits.takeIpToken("token", "203.0.113.9"))).toBe(false);
    expect(refused(() => limits.takeIpToken("token", "203.0.113.9"))).toBe(true);
  });

  it("recovery refills at 30 per 5 minutes: 10 s for one request", () => {
    const time = clock();
    const limits = createAuthRateLimits(time.now);
    for (let i = 0; i < 30; i++) limits.takeIpToken("recover", "203.0.113.9");
    time.advance(9_000);
    expect(refused(() => limits.takeIpToken("recover", "203.0.113.9"))).toBe(true);
    time.advance(11_000);
    expect(refused(() => limits.takeIpToken("recover", "203.0.113.9"))).toBe(false);
  });
});

describe("per account (30 failures a minute)", () => {
  it("refuses after 30 failures within a minute and lets the oldest expire", () => {
    const time = clock();
    const limits = createAuthRateLimits(time.now);
    for (let i = 0; i < 29; i++) limits.recordFailure("email|a@b.c");
    time.advance(30_000);
    limits.recordFailure("email|a@b.c");
    expect(refused(() => limits.checkFailures("email|a@b.c"))).toBe(true);
    expect(refused(() => limits.checkFailures("email|other@b.c"))).toBe(false);
    time.advance(30_001);
    expect(refused(() => limits.checkFailures("email|a@b.c"))).toBe(false);
  });
});

// One number, one account: the SPA's canonicalPhone and the database's private.canonical_phone
// agree on a shared corpus, the gateway reads phones exactly as hosted GoTrue does, and a +1
// number whose digits spell a mainland mobile never reaches that mobile's account.
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalPhone, credentialsFor } from "@/lib/domain/phone";
import { goTruePhone } from "../../supabase/local/gateway/auth-users";
import { anon, dbUrl, PASSWORD, remember, removeMadeUsers, uniqueNational } from "../support/auth-wire";

type PhoneCase = { input: string; canonical: string | null; gotrue: string | null; note?: string };
const corpus = JSON.parse(readFileSync(new URL("../shared/phone-canonical.json", import.meta.url), "utf8")) as { cases: PhoneCase[] };

const db = new pg.Client({ connectionString: dbUrl });

beforeAll(async () => {
  await db.connect();
});

afterAll(async () => {
  await db.end();
  await removeMadeUsers();
});

describe("the shared corpus (tests/shared/phone-canonical.json)", () => {
  it.each(corpus.cases.map((c) => [JSON.stringify(c.input), c] as const))("%s: SPA, database and gateway give the corpus's answers", async (_, c) => {
    expect(canonicalPhone(c.input) ?? null).toBe(c.canonical);
    const { rows } = await db.query<{ canonical: string | null }>("select private.canonical_phone($1) as canonical", [c.input]);
    expect(rows[0].canonical).toBe(c.canonical);
    expect(goTruePhone(c.input) ?? null).toBe(c.gotrue);
  });

  it("the SPA sends what the canonicalisation gives, in E.164", () => {
    expect(credentialsFor("139 3925 7541")).toEqual({ phone: "+8613939257541" });
    expect(credentialsFor("+1 3939257541")).toEqual({ phone: "+13939257541" });
    expect(credentialsFor("Admin@Demo.local")).toEqual({ email: "Admin@Demo.local" });
  });
});

describe("+1 and +86 are different countries", () => {
  it("signing up as +1 <the mobile's last 10 digits> makes a second, separate account that claims nothing of the mobile's", async () => {
    const national = uniqueNational();
    const mobile = await anon().auth.signUp({ ...(credentialsFor(national) as { phone: string }), password: PASSWORD });
    expect(mobile.error).toBeNull();
    remember(mobile.data.user!.id);
    expect(mobile.data.user!.phone).toBe(`86${national}`);

    const us = await anon().auth.signUp({ phone: `+1 ${national.slice(1)}`, password: "Other@2026-pw" });
    expect(us.error).toBeNull();
    remember(us.data.user!.id);
    expect(us.data.user!.phone).toBe(national);
    expect(us.data.user!.id).not.toBe(mobile.data.user!.id);

    // The mobile's owner, signing in as the SPA sends it, reaches their own account only.
    const owner = await anon().auth.signInWithPassword({ ...(credentialsFor(national) as { phone: string }), password: PASSWORD });
    expect(owner.error).toBeNull();
    expect(owner.data.user!.id).toBe(mobile.data.user!.id);
    // The +1 account's password does not open the mobile's account, and vice versa.
    const crossed = await anon().auth.signInWithPassword({ phone: `+86${national}`, password: "Other@2026-pw" });
    expect(crossed.error?.code).toBe("invalid_credentials");
    const usOwner = await anon().auth.signInWithPassword({ phone: `+1${national.slice(1)}`, password: "Other@2026-pw" });
    expect(usOwner.data.user?.id).toBe(us.data.user!.id);
  });

  it("a phone GoTrue would refuse is refused with its error", async () => {
    const { error } = await anon().auth.signUp({ phone: "139-3925-7541", password: PASSWORD });
    expect(error?.status).toBe(400);
    expect(error?.message).toBe("Invalid phone number format (E.164 required)");
  });
});

// Accounts cannot be enumerated by timing: a wrong password for an existing account and any
// password for an unknown one cost the same bcrypt work (cost 10; unknown accounts meet a decoy
// hash; a cheaper hash made by SQL is padded and replaced at the next successful sign-in).
import bcrypt from "bcryptjs";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authCall, dbUrl, makeUser, PASSWORD, remember, removeMadeUsers, run } from "../support/auth-wire";

const db = new pg.Client({ connectionString: dbUrl });

beforeAll(async () => {
  await db.connect();
});

afterAll(async () => {
  await db.end();
  await removeMadeUsers();
});

async function timeSignIn(email: string, password: string): Promise<number> {
  const began = performance.now();
  const answer = await authCall("/token?grant_type=password", { body: { email, password } });
  const took = performance.now() - began;
  expect(answer.status).toBe(400);
  return took;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Medians of alternating tries, so load on the machine hits both sides alike. */
async function medians(known: string, unknown: string, tries = 9) {
  const wrong: number[] = [];
  const missing: number[] = [];
  await timeSignIn(unknown, "warm-up-1"); // first-use costs (connections, JIT) out of the way
  for (let i = 0; i < tries; i++) {
    wrong.push(await timeSignIn(known, `wrong-${i}-pw`));
    missing.push(await timeSignIn(unknown, `wrong-${i}-pw`));
  }
  return { wrong: median(wrong), missing: median(missing) };
}

/** A user inserted by SQL the way old seeds did it: bcrypt cost 6. */
async function sqlUser(email: string, cost: number): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data,
       created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, extensions.crypt($3, extensions.gen_salt('bf', $4)), now(),
       '{"provider": "email", "providers": ["email"]}', '{}', now(), now(), '', '', '', '')`,
    [id, email, PASSWORD, cost],
  );
  remember(id);
  return id;
}

const costOf = (hash: string) => Number(/^\$2[abxy]?\$(\d\d)\$/.exec(hash)?.[1]);

describe("unknown account vs wrong password", () => {
  it("take the same time (medians within ±20 %) for an account made by the auth API", async () => {
    const known = await makeUser("timing");
    const { wrong, missing } = await medians(known.email, `unknown-${run}-a@test.local`);
    expect(missing / wrong).toBeGreaterThan(0.8);
    expect(missing / wrong).toBeLessThan(1.2);
  });

  it("take the same time for an account seeded by SQL at bcrypt cost 6, which is rehashed at cost 10 on sign-in", async () => {
    const email = `sql-cost6-${run}@test.local`;
    const id = await sqlUser(email, 6);
    const { wrong, missing } = await medians(email, `unknown-${run}-b@test.local`);
    expect(missing / wrong).toBeGreaterThan(0.8);
    expect(missing / wrong).toBeLessThan(1.2);

    const ok = await authCall("/token?grant_type=password", { body: { email, password: PASSWORD } });
    expect(ok.status).toBe(200);
    const { rows } = await db.query<{ encrypted_password: string }>("select encrypted_password from auth.users where id = $1", [id]);
    expect(costOf(rows[0].encrypted_password)).toBe(10);
    expect(await bcrypt.compare(PASSWORD, rows[0].encrypted_password)).toBe(true);
  });

  it("the demo seed hashes its accounts at cost 10", async () => {
    const { rows } = await db.query<{ encrypted_password: string }>("select encrypted_password from auth.users where email like '%@demo.local'");
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(costOf(row.encrypted_password)).toBeGreaterThanOrEqual(10);
  });
});

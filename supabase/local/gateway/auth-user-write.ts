// Creating and changing users, as GoTrue's sign-up and admin endpoints do: the row is inserted
// unconfirmed with role '' and then confirmed and given its role by UPDATEs (internal/api/signup.go,
// models/user.go), so triggers on auth.users meet the same statements here as on hosted. All in
// one transaction with the identity row, so a refusing trigger leaves nothing behind.
import bcrypt from "bcryptjs";
import type { Pool, PoolClient } from "pg";
import { AuthError, authErrors } from "./auth-errors.ts";
import { findUserById, USER_COLUMNS, type UserRow } from "./auth-users.ts";

type Json = Record<string, unknown>;

/** GoTrue's bcrypt cost, and the least any stored hash may have after its owner signs in. */
export const BCRYPT_COST = 10;
/** As supabase/config.toml sets for hosted: minimum_password_length, password_requirements = "letters_digits". */
export const MIN_PASSWORD_LENGTH = 8;

export type NewUser = {
  id?: string;
  email?: string;
  phone?: string;
  password?: string;
  emailConfirmed: boolean;
  phoneConfirmed: boolean;
  userMetadata: Json;
  appMetadata: Json;
  role?: string;
  bannedUntil?: Date;
};

export type UserChanges = {
  email?: string;
  phone?: string;
  password?: string;
  emailConfirmed?: boolean;
  phoneConfirmed?: boolean;
  userMetadata?: Json;
  appMetadata?: Json;
  role?: string;
  /** null lifts a ban. */
  bannedUntil?: Date | null;
};

type PgError = Error & { code?: string; constraint?: string };

function isPgError(error: unknown): error is PgError {
  return error instanceof Error && typeof (error as PgError).code === "string";
}

function uniqueViolation(error: unknown): AuthError | undefined {
  if (!isPgError(error) || error.code !== "23505") return undefined;
  if (error.constraint === "users_phone_key") return authErrors.phoneExists();
  if (error.constraint === "users_pkey") return authErrors.validation("A user with this id already exists");
  return authErrors.emailExists();
}

/** A refusal raised by a trigger on auth.users (e.g. metadata over 16 KB), shown as the 422 it is. */
function triggerRefusal(error: unknown): AuthError | undefined {
  if (!isPgError(error) || !error.code?.startsWith("CG")) return undefined;
  const { hint } = error as PgError & { hint?: string };
  return new AuthError(422, "validation_failed", hint ? `${hint} (${error.message})` : error.message);
}

/** GoTrue's checkPasswordStrength with minimum length 8 and required characters letters + digits. */
export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw authErrors.weakPassword(["length"], `Password should be at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (!/[a-zA-Z]/.test(password) || !/[0-9]/.test(password)) {
    throw authErrors.weakPassword(
      ["characters"],
      "Password should contain at least one character of each: abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ, 0123456789.",
    );
  }
}

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_COST);

/** GoTrue merges metadata key by key; a null value removes the key. */
function mergeMetadata(current: Json | null, updates: Json): Json {
  const merged: Json = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(updates)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

function knownWriteError(error: unknown, what: string, log: (line: string) => void): AuthError {
  const known = uniqueViolation(error) ?? triggerRefusal(error);
  if (known) return known;
  if (error instanceof AuthError) return error;
  log(`gateway: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  return authErrors.databaseError(what === "creating a user" ? "saving new user" : "updating user");
}

/**
 * The statements GoTrue runs: insert unconfirmed with role '', SetRole, identity, Confirm and
 * ConfirmPhone, then Ban. `onCreated` runs in the same transaction (e.g. the audit entry).
 */
export async function createUser(
  pool: Pool,
  user: NewUser,
  log: (line: string) => void,
  onCreated?: (client: PoolClient, created: UserRow) => Promise<void>,
): Promise<UserRow> {
  if (user.password !== undefined) checkPassword(user.password);
  const hash = user.password === undefined ? null : await hashPassword(user.password);
  const provider = user.email ? "email" : "phone";
  const appMetadata = { provider, providers: [provider], ...user.appMetadata };
  try {
    return await inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `insert into auth.users (instance_id, id, aud, role, email, phone, encrypted_password, raw_app_meta_data, raw_user_meta_data,
           confirmation_token, recovery_token, email_change_token_new, email_change, created_at, updated_at)
         values ('00000000-0000-0000-0000-000000000000', coalesce($1::uuid, gen_random_uuid()), 'authenticated', '', $2, $3, $4, $5, $6,
           '', '', '', '', now(), now())
         returning id`,
        [user.id ?? null, user.email ?? null, user.phone ?? null, hash, appMetadata, user.userMetadata],
      );
      const id = rows[0].id;
      await client.query(`update auth.users set role = $2, updated_at = now() where id = $1`, [id, user.role ?? "authenticated"]);
      const identityData = {
        sub: id,
        ...(user.email ? { email: user.email } : { phone: user.phone }),
        email_verified: user.emailConfirmed,
        phone_verified: user.phoneConfirmed,
      };
      await client.query(`insert into auth.identities (provider_id, user_id, identity_data, provider) values ($1, $2, $3, $4)`, [
        id,
        id,
        identityData,
        provider,
      ]);
      if (user.emailConfirmed) await client.query(`update auth.users set email_confirmed_at = now(), updated_at = now() where id = $1`, [id]);
      if (user.phoneConfirmed) await client.query(`update auth.users set phone_confirmed_at = now(), updated_at = now() where id = $1`, [id]);
      if (user.bannedUntil) await client.query(`update auth.users set banned_until = $2, updated_at = now() where id = $1`, [id, user.bannedUntil]);
      const created = await findUserById(client, id);
      if (!created) throw authErrors.databaseError("loading user after sign-up");
      await onCreated?.(client, created);
      return created;
    });
  } catch (error) {
    throw knownWriteError(error, "creating a user", log);
  }
}

/**
 * Applies the changes. A new password also clears every pending token and ends sessions as
 * GoTrue's UpdatePassword does: all but `keepSessionId`, or all of them when it is absent (admin).
 */
export async function updateUser(
  pool: Pool,
  id: string,
  changes: UserChanges,
  log: (line: string) => void,
  options: { keepSessionId?: string; onUpdated?: (client: PoolClient, updated: UserRow) => Promise<void> } = {},
): Promise<UserRow> {
  const current = await findUserById(pool, id);
  if (!current) throw authErrors.userNotFound();
  const sets: string[] = ["updated_at = now()"];
  const values: unknown[] = [];
  const set = (column: string, value: unknown) => {
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  };
  if (changes.password !== undefined) {
    checkPassword(changes.password);
    set("encrypted_password", await hashPassword(changes.password));
    sets.push(
      "confirmation_token = ''",
      "confirmation_sent_at = null",
      "recovery_token = ''",
      "recovery_sent_at = null",
      "email_change_token_current = ''",
      "email_change_token_new = ''",
      "email_change_sent_at = null",
      "phone_change_token = ''",
      "phone_change_sent_at = null",
      "reauthentication_token = ''",
      "reauthentication_sent_at = null",
    );
  }
  if (changes.email !== undefined) set("email", changes.email);
  if (changes.phone !== undefined) set("phone", changes.phone);
  if (changes.emailConfirmed !== undefined) sets.push(`email_confirmed_at = ${changes.emailConfirmed ? "coalesce(email_confirmed_at, now())" : "null"}`);
  if (changes.phoneConfirmed !== undefined) sets.push(`phone_confirmed_at = ${changes.phoneConfirmed ? "coalesce(phone_confirmed_at, now())" : "null"}`);
  if (changes.userMetadata !== undefined) set("raw_user_meta_data", mergeMetadata(current.raw_user_meta_data, changes.userMetadata));
  if (changes.appMetadata !== undefined) set("raw_app_meta_data", mergeMetadata(current.raw_app_meta_data, changes.appMetadata));
  if (changes.role !== undefined) set("role", changes.role);
  if (changes.bannedUntil !== undefined) set("banned_until", changes.bannedUntil);
  values.push(id);
  try {
    return await inTransaction(pool, async (client) => {
      const { rows } = await client.query<UserRow>(`update auth.users set ${sets.join(", ")} where id = $${values.length} returning ${USER_COLUMNS}`, values);
      if (changes.password !== undefined) {
        if (options.keepSessionId) await client.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [id, options.keepSessionId]);
        else await client.query(`delete from auth.sessions where user_id = $1`, [id]);
      }
      await options.onUpdated?.(client, rows[0]);
      return rows[0];
    });
  } catch (error) {
    throw knownWriteError(error, "updating a user", log);
  }
}

// A cost-10 bcrypt hash of a random string nobody kept: unknown users are compared against it,
// so they cost what a real account costs.
const DECOY_HASH = "$2b$10$WBLvXy.W3TPf1nGMmz.kVehLuHefXZlp/HM9XjQpe1fFidOJs75dm";

export function bcryptCost(hash: string | null): number {
  const match = hash ? /^\$2[abxy]?\$(\d\d)\$/.exec(hash) : null;
  return match ? Number(match[1]) : 0;
}

/** True when the hash is below GoTrue's cost and should be replaced after a successful sign-in. */
export const needsRehash = (hash: string | null) => bcryptCost(hash) > 0 && bcryptCost(hash) < BCRYPT_COST;

/**
 * Constant-time in the account's existence: a missing or unusable hash is compared against the
 * decoy, and a hash cheaper than cost 10 (seeded by SQL) is padded with a decoy comparison too.
 */
export async function passwordMatches(password: string, hash: string | null): Promise<boolean> {
  const cost = bcryptCost(hash);
  if (!hash || cost === 0) {
    await bcrypt.compare(password, DECOY_HASH);
    return false;
  }
  const matches = await bcrypt.compare(password, hash);
  if (cost < BCRYPT_COST) await bcrypt.compare(password, DECOY_HASH);
  return matches;
}

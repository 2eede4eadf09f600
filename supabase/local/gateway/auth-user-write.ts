// Creating and changing users, as GoTrue's sign-up and admin endpoints do. Inserts run in one
// transaction with the identity row, so a trigger on auth.users that refuses (e.g. an invitation
// check written by a migration) leaves nothing behind.
import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";
import type { Pool } from "pg";
import { AuthError, authErrors } from "./auth-errors.ts";
import { findUserById, USER_COLUMNS, type UserRow } from "./auth-users.ts";

type Json = Record<string, unknown>;

/** GoTrue's bcrypt cost. Seeds made with pgcrypto's gen_salt('bf') (cost 6) verify just the same. */
const BCRYPT_COST = 10;
export const MIN_PASSWORD_LENGTH = 6;

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

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw authErrors.weakPassword();
}

/** GoTrue merges metadata key by key; a null value removes the key. */
function mergeMetadata(current: Json | null, updates: Json): Json {
  const merged: Json = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(updates)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export async function createUser(pool: Pool, user: NewUser, log: (line: string) => void): Promise<UserRow> {
  if (user.password !== undefined) checkPassword(user.password);
  const hash = user.password === undefined ? null : await bcrypt.hash(user.password, BCRYPT_COST);
  const provider = user.email ? "email" : "phone";
  const appMetadata = { provider, providers: [provider], ...user.appMetadata };
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("begin");
    const { rows } = await client.query<UserRow>(
      `insert into auth.users (id, aud, role, email, phone, encrypted_password, email_confirmed_at, phone_confirmed_at,
         raw_app_meta_data, raw_user_meta_data, banned_until)
       values (coalesce($1::uuid, gen_random_uuid()), 'authenticated', coalesce($2, 'authenticated'), $3, $4, $5,
         case when $6 then now() end, case when $7 then now() end, $8, $9, $10)
       returning ${USER_COLUMNS}`,
      [
        user.id ?? null,
        user.role ?? null,
        user.email ?? null,
        user.phone ?? null,
        hash,
        user.emailConfirmed,
        user.phoneConfirmed,
        appMetadata,
        user.userMetadata,
        user.bannedUntil ?? null,
      ],
    );
    const created = rows[0];
    const identityData = {
      sub: created.id,
      ...(user.email ? { email: user.email } : { phone: user.phone }),
      email_verified: user.emailConfirmed,
      phone_verified: user.phoneConfirmed,
    };
    await client.query(`insert into auth.identities (provider_id, user_id, identity_data, provider) values ($1, $2, $3, $4)`, [
      created.id,
      created.id,
      identityData,
      provider,
    ]);
    await client.query("commit");
    return created;
  } catch (error) {
    await client.query("rollback").catch(() => {
      broken = true;
    });
    const known = uniqueViolation(error);
    if (known) throw known;
    if (error instanceof AuthError) throw error;
    log(`gateway: creating a user failed: ${error instanceof Error ? error.message : String(error)}`);
    throw authErrors.databaseError("saving new user");
  } finally {
    client.release(broken);
  }
}

export async function updateUser(pool: Pool, id: string, changes: UserChanges, log: (line: string) => void): Promise<UserRow> {
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
    set("encrypted_password", await bcrypt.hash(changes.password, BCRYPT_COST));
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
    const { rows } = await pool.query<UserRow>(`update auth.users set ${sets.join(", ")} where id = $${values.length} returning ${USER_COLUMNS}`, values);
    return rows[0];
  } catch (error) {
    const known = uniqueViolation(error);
    if (known) throw known;
    log(`gateway: updating a user failed: ${error instanceof Error ? error.message : String(error)}`);
    throw authErrors.databaseError("updating user");
  }
}

let decoyHash: string | undefined;

export async function passwordMatches(password: string, hash: string | null): Promise<boolean> {
  // Compare against a decoy when there is no usable hash, so unknown users cost the same time.
  if (hash && hash.startsWith("$2")) return bcrypt.compare(password, hash);
  decoyHash ??= await bcrypt.hash(randomBytes(16).toString("hex"), BCRYPT_COST);
  await bcrypt.compare(password, decoyHash);
  return false;
}

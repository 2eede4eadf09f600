// auth.users and auth.identities: lookups, creation, and the user object GoTrue returns.
import type { Pool, PoolClient } from "pg";

export type Db = Pool | PoolClient;
type Json = Record<string, unknown>;

export type UserRow = {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  phone_confirmed_at: Date | null;
  confirmed_at: Date | null;
  invited_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Json | null;
  raw_user_meta_data: Json | null;
  banned_until: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  is_anonymous: boolean;
};

type IdentityRow = {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Json;
  provider: string;
  last_sign_in_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  email: string | null;
};

export const USER_COLUMNS = `id, aud, role, email, phone, encrypted_password, email_confirmed_at, phone_confirmed_at,
  confirmed_at, invited_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data, banned_until, created_at, updated_at,
  is_anonymous`;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return email.length <= 255 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

/**
 * A phone number as GoTrue reads one (internal/api/phone.go): a leading "+" and spaces dropped,
 * then E.164 digits without "+" or undefined. No national form: "13939257541" is the US number
 * +1 393 925 7541 here as on hosted, never 86 139 3925 7541. The SPA sends E.164, turning what a
 * person types into it with canonicalPhone (src/lib/domain/phone.ts, the +86 default).
 */
export function goTruePhone(input: string): string | undefined {
  const phone = (input.startsWith("+") ? input.slice(1) : input).replaceAll(" ", "");
  return /^[1-9][0-9]{1,14}$/.test(phone) ? phone : undefined;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1 and deleted_at is null`, [id]);
  return rows[0];
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where lower(email) = $1 and deleted_at is null`, [normalizeEmail(email)]);
  return rows[0];
}

/** By the stored form exactly, as GoTrue's FindUserByPhoneAndAudience. */
export async function findUserByPhone(db: Db, phone: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where phone = $1 and deleted_at is null`, [phone]);
  return rows[0];
}

export function isBanned(user: UserRow, now = new Date()): boolean {
  return user.banned_until !== null && user.banned_until > now;
}

async function identitiesOf(db: Db, userIds: string[]): Promise<Map<string, IdentityRow[]>> {
  const byUser = new Map<string, IdentityRow[]>();
  if (userIds.length === 0) return byUser;
  const { rows } = await db.query<IdentityRow>(
    `select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
     from auth.identities where user_id = any($1::uuid[]) order by created_at`,
    [userIds],
  );
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  return byUser;
}

/** GoTrue's JSON for a user: empty strings for missing email/phone, null timestamps omitted. */
function userObject(user: UserRow, identities: IdentityRow[]): Json {
  const optional = (value: Date | null) => value ?? undefined;
  return {
    id: user.id,
    aud: user.aud ?? "",
    role: user.role ?? "",
    email: user.email ?? "",
    email_confirmed_at: optional(user.email_confirmed_at),
    phone: user.phone ?? "",
    phone_confirmed_at: optional(user.phone_confirmed_at),
    confirmed_at: optional(user.confirmed_at),
    invited_at: optional(user.invited_at),
    last_sign_in_at: optional(user.last_sign_in_at),
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: identities.map((identity) => ({
      identity_id: identity.id,
      id: identity.provider_id,
      user_id: identity.user_id,
      identity_data: identity.identity_data,
      provider: identity.provider,
      last_sign_in_at: optional(identity.last_sign_in_at),
      created_at: optional(identity.created_at),
      updated_at: optional(identity.updated_at),
      email: identity.email ?? undefined,
    })),
    created_at: optional(user.created_at),
    updated_at: optional(user.updated_at),
    banned_until: optional(user.banned_until),
    is_anonymous: user.is_anonymous,
  };
}

export async function usersJson(db: Db, users: UserRow[]): Promise<Json[]> {
  const identities = await identitiesOf(
    db,
    users.map((user) => user.id),
  );
  return users.map((user) => userObject(user, identities.get(user.id) ?? []));
}

export async function userJson(db: Db, user: UserRow): Promise<Json> {
  const [json] = await usersJson(db, [user]);
  return json;
}

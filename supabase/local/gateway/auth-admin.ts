// GoTrue's /admin/users endpoints. Only a token whose role is service_role (the service key)
// may call them; anything else gets GoTrue's 403 not_admin, whatever the apikey was.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Pool } from "pg";
import { writeAudit } from "./auth-audit.ts";
import { API_VERSION_HEADERS, authErrors } from "./auth-errors.ts";
import { clientIp } from "./auth-rate-limit.ts";
import { verifyBearer } from "./auth-tokens.ts";
import { createUser, updateUser, type UserChanges } from "./auth-user-write.ts";
import { findUserById, goTruePhone, isValidEmail, normalizeEmail, userJson, usersJson, USER_COLUMNS, type UserRow } from "./auth-users.ts";
import { objectField, readJsonObject, sendJson, stringField } from "./http.ts";
import type { GatewayConfig } from "./options.ts";

const ADMIN_ROLES = new Set(["service_role", "supabase_admin"]);
const GO_DURATION_UNITS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/** GoTrue takes ban_duration as a Go duration ("24h", "1h30m") or "none" to lift the ban. */
function banUntil(duration: string): Date | null {
  if (duration === "none") return null;
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join("") !== duration) {
    throw authErrors.validation(`invalid format for ban duration: time: invalid duration "${duration}"`);
  }
  const millis = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * GO_DURATION_UNITS[unit], 0);
  return new Date(Date.now() + millis);
}

function validEmail(raw: string): string {
  const email = normalizeEmail(raw);
  if (!isValidEmail(email)) throw authErrors.emailInvalid(raw);
  return email;
}

function validPhone(raw: string): string {
  const phone = goTruePhone(raw);
  if (!phone) throw authErrors.phoneInvalid();
  return phone;
}

function changesFrom(body: Record<string, unknown>): UserChanges {
  const email = stringField(body, "email");
  const phone = stringField(body, "phone");
  const password = stringField(body, "password");
  const banDuration = stringField(body, "ban_duration");
  const role = stringField(body, "role");
  return {
    email: email === undefined ? undefined : validEmail(email),
    phone: phone === undefined ? undefined : validPhone(phone),
    password,
    emailConfirmed: typeof body.email_confirm === "boolean" ? body.email_confirm : undefined,
    phoneConfirmed: typeof body.phone_confirm === "boolean" ? body.phone_confirm : undefined,
    userMetadata: objectField(body, "user_metadata") ?? objectField(body, "data"),
    appMetadata: objectField(body, "app_metadata"),
    role: role === "" ? undefined : role,
    bannedUntil: banDuration === undefined ? undefined : banUntil(banDuration),
  };
}

async function create(pool: Pool, body: Record<string, unknown>, log: (line: string) => void, ip: string): Promise<UserRow> {
  const changes = changesFrom(body);
  if (!changes.email && !changes.phone) throw authErrors.validation("Unable to validate email address: invalid format");
  const id = stringField(body, "id");
  if (id !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw authErrors.validation("id must be a UUID");
  return createUser(
    pool,
    {
      id,
      email: changes.email,
      phone: changes.phone,
      password: changes.password,
      emailConfirmed: changes.emailConfirmed ?? false,
      phoneConfirmed: changes.phoneConfirmed ?? false,
      userMetadata: changes.userMetadata ?? {},
      appMetadata: changes.appMetadata ?? {},
      role: changes.role,
      bannedUntil: changes.bannedUntil ?? undefined,
    },
    log,
    (client, created) =>
      writeAudit(client, { action: "user_signedup", actor: created, ip, traits: { provider: created.email ? "email" : "phone", by: "admin" } }, log),
  );
}

async function list(pool: Pool, url: URL, res: ServerResponse): Promise<void> {
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "", 10) || 1);
  const perPage = Math.min(1000, Math.max(1, Number.parseInt(url.searchParams.get("per_page") ?? "", 10) || 50));
  const { rows } = await pool.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where deleted_at is null order by created_at desc, id limit $1 offset $2`,
    [perPage, (page - 1) * perPage],
  );
  const { rows: counted } = await pool.query<{ total: string }>(`select count(*) as total from auth.users where deleted_at is null`);
  const total = Number(counted[0].total);
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const links = [`</admin/users?page=${lastPage}&per_page=${perPage}>; rel="last"`];
  if (page < lastPage) links.unshift(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`);
  sendJson(
    res,
    200,
    { users: await usersJson(pool, rows), aud: "authenticated" },
    { ...API_VERSION_HEADERS, "x-total-count": String(total), link: links.join(", ") },
  );
}

async function remove(pool: Pool, id: string, body: Record<string, unknown>, log: (line: string) => void, ip: string): Promise<void> {
  const user = await findUserById(pool, id);
  if (!user) throw authErrors.userNotFound();
  try {
    if (body.should_soft_delete === true) {
      // As GoTrue: the row stays for foreign keys, but it can no longer sign in or be found.
      await pool.query(`delete from auth.sessions where user_id = $1`, [id]);
      await pool.query(`delete from auth.identities where user_id = $1`, [id]);
      await pool.query(`update auth.users set deleted_at = now(), email = null, phone = null, encrypted_password = null where id = $1`, [id]);
    } else {
      await pool.query(`delete from auth.users where id = $1`, [id]);
    }
    await writeAudit(pool, { action: "user_deleted", actor: user, ip, traits: { by: "admin", soft: body.should_soft_delete === true } }, log);
  } catch (error) {
    log(`gateway: deleting user ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
    throw authErrors.databaseError("deleting user");
  }
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, url: URL, config: GatewayConfig): Promise<void> {
  const { role } = verifyBearer(req, config.jwtSecret);
  if (!ADMIN_ROLES.has(role)) throw authErrors.notAdmin();
  const { pool, log } = config;
  const one = /^\/admin\/users\/([^/]+)$/.exec(path);
  if (path === "/admin/users" && req.method === "GET") return list(pool, url, res);
  if (path === "/admin/users" && req.method === "POST") {
    const user = await create(pool, await readJsonObject(req, config.maxBodyBytes), log, clientIp(req));
    return sendJson(res, 200, await userJson(pool, user), API_VERSION_HEADERS);
  }
  if (!one) throw authErrors.notFound();
  const id = decodeURIComponent(one[1]);
  if (req.method === "GET") {
    const user = await findUserById(pool, id);
    if (!user) throw authErrors.userNotFound();
    return sendJson(res, 200, await userJson(pool, user), API_VERSION_HEADERS);
  }
  if (req.method === "PUT") {
    // A password set by the admin ends every session of the user (GoTrue's UpdatePassword(tx, nil)).
    const changes = changesFrom(await readJsonObject(req, config.maxBodyBytes));
    const user = await updateUser(pool, id, changes, log, {
      onUpdated: (client, row) =>
        writeAudit(
          client,
          { action: "user_modified", actor: row, ip: clientIp(req), traits: { by: "admin", password_changed: changes.password !== undefined } },
          log,
        ),
    });
    return sendJson(res, 200, await userJson(pool, user), API_VERSION_HEADERS);
  }
  if (req.method === "DELETE") {
    await remove(pool, id, await readJsonObject(req, config.maxBodyBytes), log, clientIp(req));
    return sendJson(res, 200, {}, API_VERSION_HEADERS);
  }
  throw authErrors.notFound();
}

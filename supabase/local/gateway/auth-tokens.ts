// Sessions, refresh-token rotation and access tokens, stored in auth.sessions and
// auth.refresh_tokens the way GoTrue stores them. Reusing a rotated refresh token is treated as
// theft, as GoTrue does outside its reuse interval: the whole session's token family is revoked.
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Pool, PoolClient } from "pg";
import { signJwt, verifyJwt, type JwtClaims } from "../jwt.ts";
import { writeAudit } from "./auth-audit.ts";
import { authErrors } from "./auth-errors.ts";
import { findUserById, isBanned, userJson, USER_COLUMNS, type UserRow } from "./auth-users.ts";
import { bearerToken } from "./http.ts";

export const ACCESS_TOKEN_SECONDS = 3600;

export type TokenContext = { pool: Pool; jwtSecret: string; issuer: string; userAgent?: string; ip?: string; log?: (line: string) => void };
export type LogoutScope = "global" | "local" | "others";

type Amr = { method: string; timestamp: number };

function accessToken(user: UserRow, sessionId: string, amr: Amr[], ctx: TokenContext): { token: string; expiresAt: number } {
  const iat = Math.floor(Date.now() / 1000);
  const expiresAt = iat + ACCESS_TOKEN_SECONDS;
  const claims: JwtClaims = {
    aud: user.aud || "authenticated",
    exp: expiresAt,
    iat,
    iss: ctx.issuer,
    sub: user.id,
    email: user.email ?? "",
    phone: user.phone ?? "",
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role || "authenticated",
    aal: "aal1",
    amr,
    session_id: sessionId,
    is_anonymous: user.is_anonymous,
  };
  return { token: signJwt(claims, ctx.jwtSecret), expiresAt };
}

const newRefreshToken = () => randomBytes(24).toString("base64url");

async function sessionResponse(db: Pool | PoolClient, user: UserRow, sessionId: string, refreshToken: string, amr: Amr[], ctx: TokenContext) {
  const { token, expiresAt } = accessToken(user, sessionId, amr, ctx);
  return {
    access_token: token,
    token_type: "bearer",
    expires_in: ACCESS_TOKEN_SECONDS,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: await userJson(db, user),
  };
}

export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
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

export type SignInMethod = "password" | "otp";

/**
 * A new session for a user who just proved who they are (password sign-in, sign-up or a recovery
 * link), with GoTrue's `login` audit entry. `rehash` replaces a stored hash below cost 10.
 */
export async function startSession(user: UserRow, method: SignInMethod, ctx: TokenContext, options: { provider?: string; rehash?: string } = {}) {
  const sessionId = randomUUID();
  const refreshToken = newRefreshToken();
  const signedIn = await inTransaction(ctx.pool, async (client) => {
    await client.query(`insert into auth.sessions (id, user_id, aal, user_agent, ip, refreshed_at) values ($1, $2, 'aal1', $3, $4, now() at time zone 'utc')`, [
      sessionId,
      user.id,
      ctx.userAgent ?? null,
      ctx.ip ?? null,
    ]);
    await client.query(
      `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, session_id) values ('00000000-0000-0000-0000-000000000000', $1, $2, false, $3)`,
      [refreshToken, user.id, sessionId],
    );
    await client.query(`update auth.identities set last_sign_in_at = now() where user_id = $1`, [user.id]);
    if (options.rehash) await client.query(`update auth.users set encrypted_password = $2 where id = $1`, [user.id, options.rehash]);
    const { rows } = await client.query<UserRow>(`update auth.users set last_sign_in_at = now() where id = $1 returning ${USER_COLUMNS}`, [user.id]);
    await writeAudit(client, { action: "login", actor: user, ip: ctx.ip, traits: options.provider ? { provider: options.provider } : undefined }, ctx.log);
    return rows[0];
  });
  return sessionResponse(ctx.pool, signedIn, sessionId, refreshToken, [{ method, timestamp: Math.floor(Date.now() / 1000) }], ctx);
}

type TokenRow = { id: string; revoked: boolean | null; session_id: string | null; user_id: string | null; session_created: Date };

export async function refreshSession(refreshToken: string, ctx: TokenContext) {
  const outcome = await inTransaction(ctx.pool, async (client) => {
    const { rows } = await client.query<TokenRow>(
      `select rt.id, rt.revoked, rt.session_id, rt.user_id, s.created_at as session_created
       from auth.refresh_tokens rt join auth.sessions s on s.id = rt.session_id
       where rt.token = $1 for update of rt`,
      [refreshToken],
    );
    const row = rows[0];
    if (!row || !row.session_id || !row.user_id) return { error: authErrors.refreshTokenNotFound() };
    const user = await findUserById(client, row.user_id);
    if (row.revoked) {
      await client.query(`update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false`, [row.session_id]);
      if (user)
        await writeAudit(
          client,
          { action: "token_revoked", actor: user, ip: ctx.ip, traits: { reason: "refresh_token_reused", session_id: row.session_id } },
          ctx.log,
        );
      return { error: authErrors.refreshTokenAlreadyUsed() };
    }
    if (!user) return { error: authErrors.refreshTokenNotFound() };
    if (isBanned(user)) return { error: authErrors.userBanned() };
    const next = newRefreshToken();
    await client.query(`update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1`, [row.id]);
    await client.query(
      `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, session_id, parent)
       values ('00000000-0000-0000-0000-000000000000', $1, $2, false, $3, $4)`,
      [next, user.id, row.session_id, refreshToken],
    );
    await client.query(`update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now() where id = $1`, [row.session_id]);
    // GoTrue writes both for every rotation.
    await writeAudit(client, { action: "token_refreshed", actor: user, ip: ctx.ip }, ctx.log);
    await writeAudit(client, { action: "token_revoked", actor: user, ip: ctx.ip }, ctx.log);
    return { user, sessionId: row.session_id, next, signedInAt: Math.floor(row.session_created.getTime() / 1000) };
  });
  // The family revocation above must commit before the error is reported, hence no throw inside.
  if ("error" in outcome) throw outcome.error;
  return sessionResponse(ctx.pool, outcome.user, outcome.sessionId, outcome.next, [{ method: "password", timestamp: outcome.signedInAt }], ctx);
}

export async function endSessions(user: UserRow, sessionId: string | undefined, scope: LogoutScope, ctx: TokenContext): Promise<void> {
  await inTransaction(ctx.pool, async (client) => {
    if (scope === "global" || !sessionId) {
      await client.query(`delete from auth.sessions where user_id = $1`, [user.id]);
    } else if (scope === "local") {
      await client.query(`delete from auth.sessions where id = $1 and user_id = $2`, [sessionId, user.id]);
    } else {
      await client.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [user.id, sessionId]);
    }
    await writeAudit(client, { action: "logout", actor: user, ip: ctx.ip, traits: { scope } }, ctx.log);
  });
}

export type VerifiedCaller = { claims: JwtClaims; role: string };

/** The verified Authorization token, any role (the anon and service keys are JWTs too). */
export function verifyBearer(req: IncomingMessage, jwtSecret: string): VerifiedCaller {
  const token = bearerToken(req);
  if (!token) throw authErrors.noAuthorization();
  const result = verifyJwt(token, jwtSecret);
  if (!result.ok) {
    const claimsProblem = { expired: "token has invalid claims: token is expired", not_yet_valid: "token has invalid claims: token is not valid yet" } as const;
    throw authErrors.badJwt(result.reason === "expired" || result.reason === "not_yet_valid" ? claimsProblem[result.reason] : "signature is invalid");
  }
  return { claims: result.claims, role: typeof result.claims.role === "string" ? result.claims.role : "" };
}

/** The signed-in user behind the Authorization token, with their session still alive. */
export async function requireUser(req: IncomingMessage, pool: Pool, jwtSecret: string): Promise<{ user: UserRow; sessionId?: string }> {
  const { claims } = verifyBearer(req, jwtSecret);
  if (typeof claims.sub !== "string" || claims.sub === "") throw authErrors.missingSub();
  const sessionId = typeof claims.session_id === "string" ? claims.session_id : undefined;
  if (sessionId) {
    const { rowCount } = await pool.query(`select 1 from auth.sessions where id = $1::uuid`, [sessionId]).catch(() => ({ rowCount: 0 }));
    if (!rowCount) throw authErrors.sessionNotFound();
  }
  const user = await findUserById(pool, claims.sub);
  if (!user) throw authErrors.userNotFoundFromJwt();
  return { user, sessionId };
}

// Runs storage queries as the caller, the way hosted Storage does: one transaction on the
// superuser pool that first drops to the JWT's role and publishes its claims, so the policies on
// storage.objects and storage.buckets (auth.uid(), auth.jwt()) decide. Before any of that, the
// same check PostgREST runs as its db-pre-request (private.check_request(): the session still
// exists, the user is neither banned nor deleted) refuses a revoked token with 401, so a logout,
// ban or deletion takes effect on the next Storage request too. File-system changes register
// undo steps, so a refused commit leaves no bytes behind.
import type { IncomingMessage } from "node:http";
import type { Pool, PoolClient } from "pg";
import { jwtFailureMessage, verifyJwt, type JwtClaims } from "../jwt.ts";
import { bearerToken } from "./http.ts";
import { storageErrors } from "./storage-errors.ts";

const API_ROLES = ["anon", "authenticated", "service_role"] as const;
export type ApiRole = (typeof API_ROLES)[number];
export type Caller = { role: ApiRole; claims: JwtClaims };

function isApiRole(role: unknown): role is ApiRole {
  return typeof role === "string" && (API_ROLES as readonly string[]).includes(role);
}

/** The caller behind the Authorization header (or, as a fallback, the apikey header). */
export function callerFromRequest(req: IncomingMessage, jwtSecret: string): Caller {
  const apikey = req.headers.apikey;
  const token = bearerToken(req) ?? (Array.isArray(apikey) ? apikey[0] : apikey);
  if (!token) throw storageErrors.missingAuthorization();
  const result = verifyJwt(token, jwtSecret);
  if (!result.ok) throw storageErrors.invalidJwt(jwtFailureMessage(result.reason));
  const role = result.claims.role;
  if (!isApiRole(role)) throw storageErrors.roleNotAllowed(String(role));
  return { role, claims: result.claims };
}

export type CallerTx = {
  client: PoolClient;
  /** Runs if the transaction does not commit (in reverse order of registration). */
  onRollback(undo: () => Promise<void>): void;
  /** Runs after a successful commit; failures are logged, not reported to the client. */
  afterCommit(step: () => Promise<void>): void;
};

export type Operation = { method: string; path: string; name: string };

export async function asCaller<T>(pool: Pool, caller: Caller, op: Operation, log: (line: string) => void, work: (tx: CallerTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const undos: Array<() => Promise<void>> = [];
  const afterCommits: Array<() => Promise<void>> = [];
  // A connection that cannot even roll back is discarded rather than returned to the pool.
  let broken = false;
  try {
    await client.query("begin");
    // The role comes from a fixed list, so it is safe to splice into `set local role`.
    await client.query(`set local role ${caller.role}`);
    await client.query(
      `select set_config('request.jwt.claims', $1, true), set_config('request.jwt.claim.sub', $2, true),
              set_config('request.jwt.claim.role', $3, true), set_config('request.method', $4, true),
              set_config('request.path', $5, true), set_config('storage.operation', $6, true)`,
      [JSON.stringify(caller.claims), typeof caller.claims.sub === "string" ? caller.claims.sub : "", caller.role, op.method, op.path, op.name],
    );
    await client.query("select private.check_request()");
    const result = await work({ client, onRollback: (undo) => undos.push(undo), afterCommit: (step) => afterCommits.push(step) });
    await client.query("commit");
    for (const step of afterCommits) await step().catch((error: unknown) => log(`gateway: storage cleanup failed: ${String(error)}`));
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {
      broken = true;
    });
    for (const undo of undos.reverse()) await undo().catch((undoError: unknown) => log(`gateway: storage undo failed: ${String(undoError)}`));
    throw error;
  } finally {
    client.release(broken);
  }
}

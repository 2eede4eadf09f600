// Signed URLs and folder listing. Signing checks that the caller may read the object (RLS) and
// logs the issue (public.storage_access_log). Two local rules on top of hosted Storage, which
// takes any lifetime and never looks back (issue 7):
//   * a signed URL lives at most MAX_SIGNED_URL_SECONDS, whatever expiresIn asks for;
//   * the token names its signer (user, session, role), and every download through it re-checks
//     as that signer: session still live and user neither banned nor deleted, and the object
//     still readable under storage.objects' policies (which require an active membership). A
//     signer who was suspended, banned or logged out stops their URLs from working.
import type { IncomingMessage, ServerResponse } from "node:http";
import { jwtFailureMessage, signJwt, verifyJwt, type JwtClaims } from "../jwt.ts";
import { readJsonObject, sendJson } from "./http.ts";
import { findObject, sendObject, type StorageContext } from "./storage-common.ts";
import { storageErrors } from "./storage-errors.ts";
import { asCaller, callerFromRequest, type Caller, type CallerTx } from "./storage-rls.ts";
import type { ObjectRef } from "./storage-objects.ts";

export const MAX_SIGNED_URL_SECONDS = 3600;

/** Who signed: kept under its own claim, never as `role`/`sub`, so the token is no access token. */
type Signer = { role: Caller["role"]; sub?: string; session_id?: string };

function expiresInFrom(body: Record<string, unknown>): number {
  const expiresIn = body.expiresIn;
  if (typeof expiresIn !== "number" || !Number.isFinite(expiresIn) || expiresIn < 1) throw storageErrors.invalidRequest("body/expiresIn must be >= 1");
  return Math.min(Math.floor(expiresIn), MAX_SIGNED_URL_SECONDS);
}

function signerOf(caller: Caller): Signer {
  const { sub, session_id } = caller.claims;
  return { role: caller.role, ...(typeof sub === "string" ? { sub } : {}), ...(typeof session_id === "string" ? { session_id } : {}) };
}

function signedPath(bucket: string, name: string, expiresIn: number, signer: Signer, jwtSecret: string): string {
  const iat = Math.floor(Date.now() / 1000);
  const token = signJwt({ url: `${bucket}/${name}`, iat, exp: iat + expiresIn, signer }, jwtSecret);
  // Unencoded, as hosted Storage returns it: storage-js runs encodeURI over the whole URL.
  return `/object/sign/${bucket}/${name}?token=${token}`;
}

/** The caller a signed URL's download runs as: its signer, with the claims they signed with. */
function signerCaller(claims: JwtClaims): Caller {
  const signer = claims.signer;
  if (typeof signer !== "object" || signer === null) throw storageErrors.invalidSignature();
  const { role, sub, session_id } = signer as Record<string, unknown>;
  if (role !== "authenticated" && role !== "service_role") throw storageErrors.invalidSignature();
  return { role, claims: { role, ...(typeof sub === "string" ? { sub } : {}), ...(typeof session_id === "string" ? { session_id } : {}) } };
}

async function logSigning(tx: CallerTx, bucket: string, names: string[], expiresIn: number): Promise<void> {
  await tx.client.query("select private.log_storage_signing($1, $2::text[], $3)", [bucket, names, expiresIn]);
}

export async function signObject(req: IncomingMessage, res: ServerResponse, ref: ObjectRef, ctx: StorageContext): Promise<void> {
  const caller = callerFromRequest(req, ctx.config.jwtSecret);
  const expiresIn = expiresInFrom(await readJsonObject(req, ctx.config.maxBodyBytes));
  const row = await asCaller(ctx.config.pool, caller, { method: "POST", path: req.url ?? "", name: "storage.object.sign" }, ctx.config.log, async (tx) => {
    const found = await findObject(tx.client, ref.bucket, ref.name);
    if (found) await logSigning(tx, ref.bucket, [ref.name], expiresIn);
    return found;
  });
  if (!row) throw storageErrors.objectNotFound();
  sendJson(res, 200, { signedURL: signedPath(ref.bucket, ref.name, expiresIn, signerOf(caller), ctx.config.jwtSecret) });
}

export async function signObjects(req: IncomingMessage, res: ServerResponse, bucket: string, ctx: StorageContext): Promise<void> {
  const caller = callerFromRequest(req, ctx.config.jwtSecret);
  const body = await readJsonObject(req, ctx.config.maxBodyBytes);
  const expiresIn = expiresInFrom(body);
  const paths = body.paths;
  if (!Array.isArray(paths) || paths.length > 1000 || !paths.every((p) => typeof p === "string"))
    throw storageErrors.invalidRequest("body/paths must be an array of object names");
  const visible = await asCaller(
    ctx.config.pool,
    caller,
    { method: "POST", path: req.url ?? "", name: "storage.object.sign_many" },
    ctx.config.log,
    async (tx) => {
      const { rows } = await tx.client.query<{ name: string }>(`select name from storage.objects where bucket_id = $1 and name = any($2::text[])`, [
        bucket,
        paths,
      ]);
      if (rows.length)
        await logSigning(
          tx,
          bucket,
          rows.map((row) => row.name),
          expiresIn,
        );
      return new Set(rows.map((row) => row.name));
    },
  );
  const signer = signerOf(caller);
  sendJson(
    res,
    200,
    (paths as string[]).map((path) =>
      visible.has(path)
        ? { error: null, path, signedURL: signedPath(bucket, path, expiresIn, signer, ctx.config.jwtSecret) }
        : { error: "Either the object does not exist or you do not have access to it", path, signedURL: null },
    ),
  );
}

export async function downloadSigned(req: IncomingMessage, res: ServerResponse, url: URL, ref: ObjectRef, ctx: StorageContext): Promise<void> {
  const token = url.searchParams.get("token");
  if (!token) throw storageErrors.invalidRequest("querystring must have required property 'token'");
  const result = verifyJwt(token, ctx.config.jwtSecret);
  if (!result.ok) throw storageErrors.invalidJwt(jwtFailureMessage(result.reason));
  if (result.claims.url !== `${ref.bucket}/${ref.name}`) throw storageErrors.invalidSignature();
  const signer = signerCaller(result.claims);
  const row = await asCaller(
    ctx.config.pool,
    signer,
    { method: req.method ?? "GET", path: url.pathname, name: "storage.object.get_signed" },
    ctx.config.log,
    (tx) => findObject(tx.client, ref.bucket, ref.name),
  );
  if (!row) throw storageErrors.objectNotFound();
  await sendObject(req, res, url, ctx.store, row);
}

const SORT_COLUMNS = new Set(["name", "created_at", "updated_at", "last_accessed_at"]);
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One folder level, as storage.search returns it: files with their rows, sub-folders with nulls. */
export async function listObjects(req: IncomingMessage, res: ServerResponse, bucket: string, ctx: StorageContext): Promise<void> {
  const caller = callerFromRequest(req, ctx.config.jwtSecret);
  const body = await readJsonObject(req, ctx.config.maxBodyBytes);
  let prefix = typeof body.prefix === "string" ? body.prefix.replace(/^\/+/, "") : "";
  if (prefix !== "" && !prefix.endsWith("/")) prefix += "/";
  const limit = typeof body.limit === "number" ? Math.min(Math.max(Math.floor(body.limit), 1), 1000) : 100;
  const offset = typeof body.offset === "number" ? Math.max(Math.floor(body.offset), 0) : 0;
  const search = typeof body.search === "string" ? body.search : "";
  const sortBy = typeof body.sortBy === "object" && body.sortBy !== null ? (body.sortBy as Record<string, unknown>) : {};
  const column = typeof sortBy.column === "string" && SORT_COLUMNS.has(sortBy.column) ? sortBy.column : "name";
  const order = sortBy.order === "desc" ? "desc" : "asc";
  // column and order come from the fixed sets above, so they may be spliced into the SQL.
  const sql = `
    select name, case when is_folder then null else id end as id,
           case when is_folder then null else updated_at end as updated_at,
           case when is_folder then null else created_at end as created_at,
           case when is_folder then null else last_accessed_at end as last_accessed_at,
           case when is_folder then null else metadata end as metadata
    from (
      select distinct on (entry, is_folder) entry as name, is_folder, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata
      from storage.objects o,
           lateral (select substr(o.name, char_length($3) + 1) as rest) r,
           lateral (select split_part(r.rest, '/', 1) as entry, strpos(r.rest, '/') > 0 as is_folder) e
      where o.bucket_id = $1 and o.name like $2 escape '\\'
      order by entry, is_folder, o.name
    ) entries
    where name ilike $4 escape '\\'
    order by ${column === "name" ? `name collate "C"` : column} ${order} nulls last, name collate "C"
    limit $5 offset $6`;
  const rows = await asCaller(ctx.config.pool, caller, { method: "POST", path: req.url ?? "", name: "storage.object.list" }, ctx.config.log, async (tx) => {
    const result = await tx.client.query(sql, [bucket, `${likeEscape(prefix)}%`, prefix, `%${likeEscape(search)}%`, limit, offset]);
    return result.rows;
  });
  sendJson(res, 200, rows);
}

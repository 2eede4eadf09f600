// Signed URLs and folder listing. Signing checks that the caller may read the object (RLS);
// the signed URL itself then works without any header until it expires, as on hosted Storage.
import type { IncomingMessage, ServerResponse } from "node:http";
import { jwtFailureMessage, signJwt, verifyJwt } from "../jwt.ts";
import { readJsonObject, sendJson } from "./http.ts";
import { findObject, sendObject, type StorageContext } from "./storage-common.ts";
import { storageErrors } from "./storage-errors.ts";
import { asCaller, callerFromRequest } from "./storage-rls.ts";
import type { ObjectRef } from "./storage-objects.ts";

function expiresInFrom(body: Record<string, unknown>): number {
  const expiresIn = body.expiresIn;
  if (typeof expiresIn !== "number" || !Number.isFinite(expiresIn) || expiresIn < 1) throw storageErrors.invalidRequest("body/expiresIn must be >= 1");
  return Math.floor(expiresIn);
}

function signedPath(bucket: string, name: string, expiresIn: number, jwtSecret: string): string {
  const iat = Math.floor(Date.now() / 1000);
  const token = signJwt({ url: `${bucket}/${name}`, iat, exp: iat + expiresIn }, jwtSecret);
  // Unencoded, as hosted Storage returns it: storage-js runs encodeURI over the whole URL.
  return `/object/sign/${bucket}/${name}?token=${token}`;
}

export async function signObject(req: IncomingMessage, res: ServerResponse, ref: ObjectRef, ctx: StorageContext): Promise<void> {
  const caller = callerFromRequest(req, ctx.config.jwtSecret);
  const expiresIn = expiresInFrom(await readJsonObject(req, ctx.config.maxBodyBytes));
  const row = await asCaller(ctx.config.pool, caller, { method: "POST", path: req.url ?? "", name: "storage.object.sign" }, ctx.config.log, (tx) =>
    findObject(tx.client, ref.bucket, ref.name),
  );
  if (!row) throw storageErrors.objectNotFound();
  sendJson(res, 200, { signedURL: signedPath(ref.bucket, ref.name, expiresIn, ctx.config.jwtSecret) });
}

export async function signObjects(req: IncomingMessage, res: ServerResponse, bucket: string, ctx: StorageContext): Promise<void> {
  const caller = callerFromRequest(req, ctx.config.jwtSecret);
  const body = await readJsonObject(req, ctx.config.maxBodyBytes);
  const expiresIn = expiresInFrom(body);
  const paths = body.paths;
  if (!Array.isArray(paths) || paths.length > 1000 || !paths.every((p) => typeof p === "string")) throw storageErrors.invalidRequest("body/paths must be an array of object names");
  const visible = await asCaller(ctx.config.pool, caller, { method: "POST", path: req.url ?? "", name: "storage.object.sign_many" }, ctx.config.log, async (tx) => {
    const { rows } = await tx.client.query<{ name: string }>(`select name from storage.objects where bucket_id = $1 and name = any($2::text[])`, [bucket, paths]);
    return new Set(rows.map((row) => row.name));
  });
  sendJson(
    res,
    200,
    (paths as string[]).map((path) =>
      visible.has(path)
        ? { error: null, path, signedURL: signedPath(bucket, path, expiresIn, ctx.config.jwtSecret) }
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
  const row = await findObject(ctx.config.pool, ref.bucket, ref.name);
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

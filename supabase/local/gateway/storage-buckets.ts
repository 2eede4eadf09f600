// /bucket endpoints, run as the caller like everything else: with no policies on
// storage.buckets (the hosted default) only the service key may create, change or list them.
import type { IncomingMessage, ServerResponse } from "node:http";
import { readJsonObject, sendJson, stringField } from "./http.ts";
import { BUCKET_COLUMNS, bucketJson, ownerOf, type BucketRow, type StorageContext } from "./storage-common.ts";
import { storageErrors } from "./storage-errors.ts";
import { assertValidBucketName } from "./storage-files.ts";
import { asCaller, callerFromRequest, type CallerTx } from "./storage-rls.ts";

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1000, mb: 1000 ** 2, gb: 1000 ** 3 };

/** file_size_limit as storage-js passes it: bytes as a number, or a string such as "10MB". */
function parseSizeLimit(value: unknown): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  const match = typeof value === "string" ? /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim()) : null;
  if (!match) throw storageErrors.invalidRequest('file_size_limit must be a number of bytes or a size such as "10MB"');
  return Math.floor(Number(match[1]) * SIZE_UNITS[(match[2] ?? "b").toLowerCase()]);
}

function parseMimeTypes(value: unknown): string[] | null | undefined {
  if (value === undefined || value === null) return value;
  if (Array.isArray(value) && value.every((entry) => typeof entry === "string" && /^[\w.+-]+\/[\w.+*-]+$/.test(entry))) return value as string[];
  throw storageErrors.invalidRequest('allowed_mime_types must be an array of MIME types such as "image/*"');
}

function run<T>(req: IncomingMessage, ctx: StorageContext, name: string, work: (tx: CallerTx) => Promise<T>): Promise<T> {
  const caller = callerFromRequest(req, ctx.config.jwtSecret);
  return asCaller(ctx.config.pool, caller, { method: req.method ?? "GET", path: req.url ?? "", name }, ctx.config.log, work);
}

export async function listBuckets(req: IncomingMessage, res: ServerResponse, url: URL, ctx: StorageContext): Promise<void> {
  const limit = Math.min(Number.parseInt(url.searchParams.get("limit") ?? "", 10) || 1000, 1000);
  const offset = Math.max(Number.parseInt(url.searchParams.get("offset") ?? "", 10) || 0, 0);
  const search = url.searchParams.get("search") ?? "";
  const rows = await run(req, ctx, "storage.bucket.list", async (tx) => {
    const { rows: found } = await tx.client.query<BucketRow>(
      `select ${BUCKET_COLUMNS} from storage.buckets where name ilike '%' || $1 || '%' order by name collate "C" limit $2 offset $3`,
      [search.replace(/[\\%_]/g, (c) => `\\${c}`), limit, offset],
    );
    return found;
  });
  sendJson(res, 200, rows.map(bucketJson));
}

export async function getBucket(req: IncomingMessage, res: ServerResponse, id: string, ctx: StorageContext): Promise<void> {
  const row = await run(req, ctx, "storage.bucket.get", async (tx) => {
    const { rows } = await tx.client.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id]);
    return rows[0];
  });
  if (!row) throw storageErrors.bucketNotFound();
  sendJson(res, 200, bucketJson(row));
}

export async function createBucket(req: IncomingMessage, res: ServerResponse, ctx: StorageContext): Promise<void> {
  const caller = callerFromRequest(req, ctx.config.jwtSecret);
  const body = await readJsonObject(req, ctx.config.maxBodyBytes);
  const name = stringField(body, "name") ?? stringField(body, "id") ?? "";
  const id = stringField(body, "id") ?? name;
  assertValidBucketName(id);
  const { owner, ownerId } = ownerOf(caller);
  const values = [
    id,
    name,
    owner,
    ownerId,
    body.public === true,
    parseSizeLimit(body.file_size_limit) ?? null,
    parseMimeTypes(body.allowed_mime_types) ?? null,
  ];
  await run(req, ctx, "storage.bucket.create", (tx) =>
    tx.client.query(
      `insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types) values ($1, $2, $3, $4, $5, $6, $7)`,
      values,
    ),
  );
  sendJson(res, 200, { name: id });
}

export async function updateBucket(req: IncomingMessage, res: ServerResponse, id: string, ctx: StorageContext): Promise<void> {
  const body = await readJsonObject(req, ctx.config.maxBodyBytes);
  const sizeLimit = parseSizeLimit(body.file_size_limit);
  const mimeTypes = parseMimeTypes(body.allowed_mime_types);
  const updated = await run(req, ctx, "storage.bucket.update", async (tx) => {
    const { rowCount } = await tx.client.query(
      `update storage.buckets set public = coalesce($2, public),
         file_size_limit = case when $3 then $4::bigint else file_size_limit end,
         allowed_mime_types = case when $5 then $6::text[] else allowed_mime_types end,
         updated_at = now()
       where id = $1`,
      [id, typeof body.public === "boolean" ? body.public : null, sizeLimit !== undefined, sizeLimit ?? null, mimeTypes !== undefined, mimeTypes ?? null],
    );
    return rowCount ?? 0;
  });
  if (updated === 0) throw storageErrors.bucketNotFound();
  sendJson(res, 200, { message: "Successfully updated" });
}

export async function deleteBucket(req: IncomingMessage, res: ServerResponse, id: string, ctx: StorageContext): Promise<void> {
  const deleted = await run(req, ctx, "storage.bucket.delete", async (tx) => {
    const { rowCount } = await tx.client.query(`delete from storage.buckets where id = $1`, [id]);
    if (rowCount) ctx.store.removeBucketFolderAfterCommit(id, tx);
    return rowCount ?? 0;
  });
  if (deleted === 0) throw storageErrors.bucketNotFound();
  sendJson(res, 200, { message: "Successfully deleted" });
}

export async function emptyBucket(req: IncomingMessage, res: ServerResponse, id: string, ctx: StorageContext): Promise<void> {
  await run(req, ctx, "storage.bucket.empty", async (tx) => {
    const { rows } = await tx.client.query<{ name: string }>(`delete from storage.objects where bucket_id = $1 returning name`, [id]);
    ctx.store.removeAfterCommit(
      id,
      rows.map((row) => row.name),
      tx,
    );
  });
  sendJson(res, 200, { message: "Successfully emptied" });
}

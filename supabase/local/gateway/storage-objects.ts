// Object upload, download, info, removal and move. Each runs its storage.objects statement as
// the caller (see storage-rls.ts), so a row RLS refuses is refused here, and its bytes are only
// placed, moved or deleted alongside a row change that commits.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readJsonObject, sendJson, stringField } from "./http.ts";
import { bucketAsSuperuser, findObject, OBJECT_COLUMNS, ownerOf, sendObject, type ObjectRow, type StorageContext } from "./storage-common.ts";
import { storageErrors } from "./storage-errors.ts";
import { assertValidKey } from "./storage-files.ts";
import { asCaller, callerFromRequest } from "./storage-rls.ts";
import { receiveUpload } from "./storage-upload.ts";

export type ObjectRef = { bucket: string; name: string };

export async function uploadObject(req: IncomingMessage, res: ServerResponse, ref: ObjectRef, ctx: StorageContext): Promise<void> {
  const { config, store } = ctx;
  const caller = callerFromRequest(req, config.jwtSecret);
  store.objectPath(ref.bucket, ref.name); // validates the key before any byte is read
  const bucket = await bucketAsSuperuser(config.pool, ref.bucket);
  if (!bucket) throw storageErrors.bucketNotFound();
  const bucketLimit = bucket.file_size_limit === null ? Infinity : Number(bucket.file_size_limit);
  const received = await receiveUpload(req, store, { fileBytes: Math.min(config.maxBodyBytes, bucketLimit), allowedMimeTypes: bucket.allowed_mime_types });
  const upsert = req.method === "PUT" || req.headers["x-upsert"] === "true";
  const { owner, ownerId } = ownerOf(caller);
  const metadata = {
    eTag: received.eTag,
    size: received.size,
    mimetype: received.mimeType,
    cacheControl: received.cacheControl,
    lastModified: new Date().toUTCString(),
    contentLength: received.size,
    httpStatusCode: 200,
  };
  const insert = `insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata, version)
    values ($1, $2, $3, $4, $5, $6, $7)`;
  const onConflict = ` on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id,
    metadata = excluded.metadata, user_metadata = excluded.user_metadata, version = excluded.version, updated_at = now()`;
  try {
    const operation = { method: req.method ?? "POST", path: req.url ?? "", name: upsert ? "storage.object.upload_update" : "storage.object.upload" };
    const id = await asCaller(config.pool, caller, operation, config.log, async (tx) => {
      const { rows } = await tx.client.query<{ id: string }>(`${insert}${upsert ? onConflict : ""} returning id`, [
        ref.bucket,
        ref.name,
        owner,
        ownerId,
        metadata,
        received.userMetadata,
        randomUUID(),
      ]);
      await store.place(received.staged, ref.bucket, ref.name, tx);
      return rows[0].id;
    });
    sendJson(res, 200, { Id: id, Key: `${ref.bucket}/${ref.name}` });
  } finally {
    await store.discard(received.staged);
  }
}

async function visibleObject(req: IncomingMessage, ref: ObjectRef, ctx: StorageContext, operation: string): Promise<ObjectRow> {
  const caller = callerFromRequest(req, ctx.config.jwtSecret);
  assertValidKey(ref.name);
  const row = await asCaller(ctx.config.pool, caller, { method: req.method ?? "GET", path: req.url ?? "", name: operation }, ctx.config.log, (tx) =>
    findObject(tx.client, ref.bucket, ref.name),
  );
  if (!row) throw storageErrors.objectNotFound();
  return row;
}

export async function downloadObject(req: IncomingMessage, res: ServerResponse, url: URL, ref: ObjectRef, ctx: StorageContext): Promise<void> {
  await sendObject(req, res, url, ctx.store, await visibleObject(req, ref, ctx, "storage.object.get_authenticated"));
}

export async function downloadPublicObject(req: IncomingMessage, res: ServerResponse, url: URL, ref: ObjectRef, ctx: StorageContext): Promise<void> {
  const bucket = await bucketAsSuperuser(ctx.config.pool, ref.bucket);
  // A private bucket answers like a missing one, so public URLs reveal nothing about it.
  if (!bucket || !bucket.public) throw storageErrors.bucketNotFound();
  assertValidKey(ref.name);
  const row = await findObject(ctx.config.pool, ref.bucket, ref.name);
  if (!row) throw storageErrors.objectNotFound();
  await sendObject(req, res, url, ctx.store, row);
}

export async function objectInfo(req: IncomingMessage, res: ServerResponse, ref: ObjectRef, ctx: StorageContext): Promise<void> {
  const row = await visibleObject(req, ref, ctx, "storage.object.info");
  const metadata = row.metadata ?? {};
  sendJson(res, 200, {
    id: row.id,
    name: row.name,
    bucket_id: row.bucket_id,
    version: row.version,
    size: metadata.size ?? null,
    content_type: metadata.mimetype ?? null,
    cache_control: metadata.cacheControl ?? null,
    etag: metadata.eTag ?? null,
    metadata: row.user_metadata ?? {},
    last_modified: row.updated_at,
    created_at: row.created_at,
  });
}

async function deleteRows(req: IncomingMessage, bucket: string, names: string[], ctx: StorageContext): Promise<ObjectRow[]> {
  const caller = callerFromRequest(req, ctx.config.jwtSecret);
  return asCaller(ctx.config.pool, caller, { method: "DELETE", path: req.url ?? "", name: "storage.object.delete" }, ctx.config.log, async (tx) => {
    const { rows } = await tx.client.query<ObjectRow>(
      `delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning ${OBJECT_COLUMNS}`,
      [bucket, names],
    );
    ctx.store.removeAfterCommit(
      bucket,
      rows.map((row) => row.name),
      tx,
    );
    return rows;
  });
}

export async function removeObjects(req: IncomingMessage, res: ServerResponse, bucket: string, ctx: StorageContext): Promise<void> {
  const body = await readJsonObject(req, ctx.config.maxBodyBytes);
  const prefixes = body.prefixes;
  if (!Array.isArray(prefixes) || prefixes.length === 0 || prefixes.length > 1000 || !prefixes.every((p) => typeof p === "string")) {
    throw storageErrors.invalidRequest("body/prefixes must be an array of 1 to 1000 object names");
  }
  sendJson(res, 200, await deleteRows(req, bucket, prefixes as string[], ctx));
}

export async function removeObject(req: IncomingMessage, res: ServerResponse, ref: ObjectRef, ctx: StorageContext): Promise<void> {
  const rows = await deleteRows(req, ref.bucket, [ref.name], ctx);
  if (rows.length === 0) throw storageErrors.objectNotFound();
  sendJson(res, 200, { message: "Successfully deleted" });
}

export async function moveObject(req: IncomingMessage, res: ServerResponse, ctx: StorageContext): Promise<void> {
  const { config, store } = ctx;
  const caller = callerFromRequest(req, config.jwtSecret);
  const body = await readJsonObject(req, config.maxBodyBytes);
  const from = { bucket: stringField(body, "bucketId") ?? "", name: stringField(body, "sourceKey") ?? "" };
  const to = { bucket: stringField(body, "destinationBucket") || from.bucket, name: stringField(body, "destinationKey") ?? "" };
  store.objectPath(from.bucket, from.name);
  store.objectPath(to.bucket, to.name);
  if (!(await bucketAsSuperuser(config.pool, to.bucket))) throw storageErrors.bucketNotFound();
  await asCaller(config.pool, caller, { method: "POST", path: req.url ?? "", name: "storage.object.move" }, config.log, async (tx) => {
    const { rowCount } = await tx.client.query(`update storage.objects set bucket_id = $3, name = $4, updated_at = now() where bucket_id = $1 and name = $2`, [
      from.bucket,
      from.name,
      to.bucket,
      to.name,
    ]);
    if (!rowCount) throw storageErrors.objectNotFound();
    await store.move(from, to, tx);
  });
  sendJson(res, 200, { message: "Successfully moved" });
}

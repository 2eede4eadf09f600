// Pieces every storage handler shares: the bucket lookup (made as the superuser, as hosted
// Storage does, so limits apply without a select policy on buckets), the object row shape,
// and streaming an object's bytes back with its stored headers.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Pool, PoolClient } from "pg";
import type { GatewayConfig } from "./options.ts";
import { storageErrors } from "./storage-errors.ts";
import type { FileStore } from "./storage-files.ts";
import type { Caller } from "./storage-rls.ts";

type Json = Record<string, unknown>;

export type StorageContext = { config: GatewayConfig; store: FileStore };

export type BucketRow = {
  id: string;
  name: string;
  owner: string | null;
  owner_id: string | null;
  public: boolean | null;
  file_size_limit: string | null;
  allowed_mime_types: string[] | null;
  created_at: Date | null;
  updated_at: Date | null;
};

export const BUCKET_COLUMNS = "id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, created_at, updated_at";

export type ObjectRow = {
  id: string;
  bucket_id: string;
  name: string;
  owner: string | null;
  owner_id: string | null;
  metadata: Json | null;
  user_metadata: Json | null;
  version: string | null;
  created_at: Date | null;
  updated_at: Date | null;
  last_accessed_at: Date | null;
};

export const OBJECT_COLUMNS = "id, bucket_id, name, owner, owner_id, metadata, user_metadata, version, created_at, updated_at, last_accessed_at";

/** Bucket JSON as Storage returns it (file_size_limit is a bigint, sent as a number). */
export function bucketJson(row: BucketRow): Json {
  return { ...row, file_size_limit: row.file_size_limit === null ? null : Number(row.file_size_limit) };
}

export async function bucketAsSuperuser(pool: Pool, id: string): Promise<BucketRow | undefined> {
  const { rows } = await pool.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id]);
  return rows[0];
}

export async function findObject(db: Pool | PoolClient, bucket: string, name: string): Promise<ObjectRow | undefined> {
  const { rows } = await db.query<ObjectRow>(`select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name = $2`, [bucket, name]);
  return rows[0];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** owner (uuid, deprecated) and owner_id (text) as hosted Storage fills them from the JWT. */
export function ownerOf(caller: Caller): { owner: string | null; ownerId: string | null } {
  const sub = typeof caller.claims.sub === "string" ? caller.claims.sub : null;
  return { owner: sub && UUID.test(sub) ? sub : null, ownerId: sub };
}

function contentDisposition(downloadName: string): string {
  const ascii = downloadName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(downloadName)}`;
}

// Raster images a browser can only display, never run. SVG is not among them: it carries script.
const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const MIME_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/**
 * The uploader chose the content type, so it is not trusted: user files are served from the app's
 * own origin, and an HTML or SVG file opened inline would run as the app. Only the raster images
 * above are shown inline; everything else is a download, never sniffed, and sandboxed if opened.
 */
function safeDelivery(storedType: string): { contentType: string; inline: boolean } {
  const essence = storedType.split(";")[0].trim().toLowerCase();
  if (INLINE_TYPES.has(essence)) return { contentType: essence, inline: true };
  return { contentType: MIME_TYPE.test(essence) ? storedType.replace(/[^\x20-\x7e]/g, "") : "application/octet-stream", inline: false };
}

export async function sendObject(req: IncomingMessage, res: ServerResponse, url: URL, store: FileStore, row: ObjectRow): Promise<void> {
  const file = await store.openRead(row.bucket_id, row.name);
  if (!file) throw storageErrors.objectNotFound();
  const metadata = row.metadata ?? {};
  const text = (key: string, fallback: string) => (typeof metadata[key] === "string" ? (metadata[key] as string) : fallback);
  const delivery = safeDelivery(text("mimetype", "application/octet-stream"));
  const headers: Record<string, string> = {
    "content-type": delivery.contentType,
    "content-length": String(file.size),
    "cache-control": text("cacheControl", "no-cache").replace(/[^\x20-\x7e]/g, ""),
    etag: text("eTag", ""),
    "last-modified": (row.updated_at ?? new Date()).toUTCString(),
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
  };
  if (!headers.etag) delete headers.etag;
  const download = url.searchParams.get("download");
  if (download !== null || !delivery.inline) headers["content-disposition"] = contentDisposition(download || row.name.split("/").pop() || row.name);
  res.writeHead(200, headers);
  if (req.method === "HEAD") {
    file.stream.destroy();
    res.end();
    return;
  }
  file.stream.on("error", () => res.destroy());
  file.stream.pipe(res);
}

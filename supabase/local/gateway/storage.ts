// /storage/v1/*: the part of Supabase Storage's API that storage-js uses for files and buckets.
// Route words (list, move, sign, public, authenticated, info) shadow bucket names exactly as
// they do on hosted Storage.
import type { IncomingMessage, ServerResponse } from "node:http";
import { BadJsonError, PayloadTooLargeError } from "./http.ts";
import type { GatewayConfig } from "./options.ts";
import { createBucket, deleteBucket, emptyBucket, getBucket, listBuckets, updateBucket } from "./storage-buckets.ts";
import type { StorageContext } from "./storage-common.ts";
import { fromPgError, sendStorageError, StorageError, storageErrors } from "./storage-errors.ts";
import { FileStore } from "./storage-files.ts";
import { downloadObject, downloadPublicObject, moveObject, objectInfo, removeObject, removeObjects, uploadObject, type ObjectRef } from "./storage-objects.ts";
import { downloadSigned, listObjects, signObject, signObjects } from "./storage-sign-list.ts";

function segmentsOf(pathname: string): string[] {
  try {
    return pathname
      .split("/")
      .filter((segment) => segment !== "")
      .map((segment) => decodeURIComponent(segment));
  } catch {
    throw storageErrors.invalidRequest("Malformed URL encoding");
  }
}

const refOf = (segments: string[]): ObjectRef | undefined => (segments.length >= 2 ? { bucket: segments[0], name: segments.slice(1).join("/") } : undefined);

async function routeObject(req: IncomingMessage, res: ServerResponse, url: URL, rest: string[], ctx: StorageContext): Promise<void> {
  const method = req.method ?? "GET";
  const read = method === "GET" || method === "HEAD";
  const [word, ...tail] = rest;
  const tailRef = refOf(tail);
  if (word === "list" && method === "POST" && tail.length === 1) return listObjects(req, res, tail[0], ctx);
  if (word === "move" && method === "POST" && tail.length === 0) return moveObject(req, res, ctx);
  if (word === "sign" && method === "POST" && tail.length === 1) return signObjects(req, res, tail[0], ctx);
  if (word === "sign" && method === "POST" && tailRef) return signObject(req, res, tailRef, ctx);
  if (word === "sign" && read && tailRef) return downloadSigned(req, res, url, tailRef, ctx);
  if (word === "public" && read && tailRef) return downloadPublicObject(req, res, url, tailRef, ctx);
  if (word === "authenticated" && read && tailRef) return downloadObject(req, res, url, tailRef, ctx);
  if (word === "info" && read) {
    const infoRef = refOf(tail[0] === "authenticated" || tail[0] === "public" ? tail.slice(1) : tail);
    if (infoRef) return objectInfo(req, res, infoRef, ctx);
  }
  const ref = refOf(rest);
  if (ref && read) return downloadObject(req, res, url, ref, ctx);
  if (ref && (method === "POST" || method === "PUT")) return uploadObject(req, res, ref, ctx);
  if (ref && method === "DELETE") return removeObject(req, res, ref, ctx);
  if (rest.length === 1 && method === "DELETE") return removeObjects(req, res, rest[0], ctx);
  throw storageErrors.notFound();
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, ctx: StorageContext): Promise<void> {
  const method = req.method ?? "GET";
  const [area, ...rest] = segmentsOf(url.pathname.slice("/storage/v1".length));
  if (area === "object") return routeObject(req, res, url, rest, ctx);
  if (area === "bucket") {
    if (rest.length === 0 && method === "GET") return listBuckets(req, res, url, ctx);
    if (rest.length === 0 && method === "POST") return createBucket(req, res, ctx);
    if (rest.length === 1 && method === "GET") return getBucket(req, res, rest[0], ctx);
    if (rest.length === 1 && method === "PUT") return updateBucket(req, res, rest[0], ctx);
    if (rest.length === 1 && method === "DELETE") return deleteBucket(req, res, rest[0], ctx);
    if (rest.length === 2 && rest[1] === "empty" && method === "POST") return emptyBucket(req, res, rest[0], ctx);
  }
  if (area === "health" || area === "status") {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("");
    return;
  }
  throw storageErrors.notFound();
}

export function createStorageHandler(config: GatewayConfig) {
  const ctx: StorageContext = { config, store: new FileStore(config.storageDir) };
  return async function handleStorage(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      await route(req, res, url, ctx);
    } catch (error) {
      if (error instanceof StorageError) return sendStorageError(res, error);
      if (error instanceof PayloadTooLargeError) return sendStorageError(res, storageErrors.payloadTooLarge());
      if (error instanceof BadJsonError) return sendStorageError(res, storageErrors.badJson());
      const known = fromPgError(error);
      if (known) return sendStorageError(res, known);
      throw error;
    }
  };
}

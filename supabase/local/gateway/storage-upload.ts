// Receives an upload body into a staging file, as storage-js sends it: multipart FormData for a
// Blob/File (one file part plus `cacheControl` and `metadata` fields) or the raw bytes with
// Content-Type, Cache-Control and x-metadata headers. Size and MIME type are checked while
// streaming, before the database is touched.
import busboy from "busboy";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { declaresTooLarge, drain } from "./http.ts";
import { StorageError, storageErrors } from "./storage-errors.ts";
import type { FileStore } from "./storage-files.ts";

type Json = Record<string, unknown>;

export type ReceivedUpload = { staged: string; size: number; mimeType: string; cacheControl: string; eTag: string; userMetadata: Json | null };
export type UploadLimits = { fileBytes: number; allowedMimeTypes: string[] | null };

/** Room for the multipart boundaries and small fields around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

export function mimeAllowed(mimeType: string, allowed: string[] | null): boolean {
  if (!allowed || allowed.length === 0) return true;
  const base = mimeType.split(";")[0].trim().toLowerCase();
  const family = base.split("/")[0];
  return allowed.some((entry) => {
    const rule = entry.trim().toLowerCase();
    return rule === base || rule === `${family}/*` || rule === "*/*" || rule === "*";
  });
}

function parseMetadata(text: string | undefined): Json | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Json;
  } catch {
    // reported below
  }
  throw storageErrors.invalidRequest("metadata must be a JSON object");
}

/** Streams into `path`, failing with 413 past `limit` without destroying the source (the client must still read our answer). */
function writeCapped(source: Readable, path: string, limit: number): Promise<{ size: number; md5: string }> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path);
    const hash = createHash("md5");
    let size = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      source.removeListener("data", onData);
      source.resume();
      out.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return fail(storageErrors.payloadTooLarge());
      hash.update(chunk);
      if (!out.write(chunk)) {
        source.pause();
        out.once("drain", () => source.resume());
      }
    };
    source.on("data", onData);
    source.on("end", () => {
      if (!failed) out.end();
    });
    source.on("error", fail);
    out.on("error", fail);
    out.on("finish", () => {
      if (!failed) resolve({ size, md5: hash.digest("hex") });
    });
  });
}

async function receiveRaw(req: IncomingMessage, staged: string, limits: UploadLimits): Promise<ReceivedUpload> {
  const mimeType = req.headers["content-type"] ?? "application/octet-stream";
  if (!mimeAllowed(mimeType, limits.allowedMimeTypes)) throw storageErrors.invalidMimeType(mimeType);
  const xMetadata = req.headers["x-metadata"];
  const userMetadata = parseMetadata(typeof xMetadata === "string" ? Buffer.from(xMetadata, "base64").toString("utf8") : undefined);
  const { size, md5 } = await writeCapped(req, staged, limits.fileBytes);
  return { staged, size, mimeType, cacheControl: req.headers["cache-control"] ?? "no-cache", eTag: `"${md5}"`, userMetadata };
}

function receiveMultipart(req: IncomingMessage, staged: string, limits: UploadLimits): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: Promise<{ size: number; md5: string }> | undefined;
    let mimeType = "application/octet-stream";
    let refusal: StorageError | undefined;
    const parser = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fieldSize: 64 * 1024 } });
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (_name, stream, info) => {
      mimeType = info.mimeType || mimeType;
      if (!mimeAllowed(mimeType, limits.allowedMimeTypes)) {
        refusal = storageErrors.invalidMimeType(mimeType);
        stream.resume();
        return;
      }
      file = writeCapped(stream, staged, limits.fileBytes);
      file.catch(() => undefined); // awaited on close; this only silences the early rejection
    });
    parser.on("error", () => {
      req.unpipe(parser);
      drain(req);
      reject(storageErrors.invalidRequest("Malformed multipart body"));
    });
    parser.on("close", () => {
      if (refusal) return reject(refusal);
      if (!file) return reject(storageErrors.invalidRequest("No file was found in the request"));
      file.then(
        ({ size, md5 }) => {
          try {
            const cacheControl = fields.cacheControl ? `max-age=${fields.cacheControl}` : "no-cache";
            resolve({ staged, size, mimeType, cacheControl, eTag: `"${md5}"`, userMetadata: parseMetadata(fields.metadata) });
          } catch (error) {
            reject(error);
          }
        },
        (error: unknown) => reject(error),
      );
    });
    req.pipe(parser);
  });
}

export async function receiveUpload(req: IncomingMessage, store: FileStore, limits: UploadLimits): Promise<ReceivedUpload> {
  const multipart = /^multipart\/form-data/i.test(req.headers["content-type"] ?? "");
  if (declaresTooLarge(req, limits.fileBytes + (multipart ? MULTIPART_OVERHEAD : 0))) {
    drain(req);
    throw storageErrors.payloadTooLarge();
  }
  const staged = await store.stagingPath();
  try {
    return multipart ? await receiveMultipart(req, staged, limits) : await receiveRaw(req, staged, limits);
  } catch (error) {
    drain(req);
    await store.discard(staged);
    throw error;
  }
}

// Compression of API responses. Lists of records are JSON and shrink five- to tenfold; on a
// community office's connection that is the difference between a list that appears and one that
// spins. Hosted Supabase compresses at its edge; locally the gateway is the edge.
import type { IncomingMessage } from "node:http";
import type { Transform } from "node:stream";
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from "node:zlib";

export type Encoding = "br" | "gzip";

/** Below this the headers cost more than the bytes saved. */
export const MIN_COMPRESS_BYTES = 1024;

// Quality 4 is brotli's fast setting: about gzip's speed, a better ratio. 11 is for static files.
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

/** The best encoding the client accepts (q=0 means "not this one"), brotli first. */
export function chooseEncoding(req: IncomingMessage | undefined): Encoding | undefined {
  const header = req?.headers["accept-encoding"];
  if (typeof header !== "string" || header === "") return undefined;
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const weight = (name: Encoding) => accepted.get(name) ?? (accepted.has("*") ? accepted.get("*")! : 0);
  const br = weight("br");
  const gzip = weight("gzip");
  if (br > 0 && br >= gzip) return "br";
  if (gzip > 0) return "gzip";
  return undefined;
}

/** JSON and other text PostgREST or the gateway answer with; never images or files. */
export function isCompressibleType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const essence = contentType.split(";")[0].trim().toLowerCase();
  return /^(application\/([a-z0-9.+-]*\+)?json|application\/vnd\.pgrst\.[a-z0-9.+-]+|text\/(csv|plain|xml)|application\/(xml|geo\+json))$/.test(essence);
}

export function compressBuffer(body: Buffer, encoding: Encoding): Buffer {
  return encoding === "br" ? brotliCompressSync(body, BROTLI) : gzipSync(body);
}

export function compressStream(encoding: Encoding): Transform {
  return encoding === "br" ? createBrotliCompress(BROTLI) : createGzip();
}

/** Adds accept-encoding to an existing Vary value. */
export function varyOnEncoding(existing: string | string[] | number | undefined): string {
  const current = existing === undefined ? "" : String(existing);
  return /\baccept-encoding\b/i.test(current) ? current : current ? `${current}, accept-encoding` : "accept-encoding";
}

// Request-body reading and JSON responses shared by every route. Bodies are always capped:
// PostgREST has no size limit of its own, and the gateway is the only thing in front of it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { chooseEncoding, compressBuffer, MIN_COMPRESS_BYTES, varyOnEncoding } from "./compress.ts";

/** Thrown by the body readers; each API renders it in its own error shape. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds ${limit} bytes`);
  }
}

/** Thrown by readJson; each API renders it in its own error shape. */
export class BadJsonError extends Error {}

/** True when the declared Content-Length already exceeds the limit, so we can refuse unread. */
export function declaresTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = Number(req.headers["content-length"]);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * Discard the rest of a request body we will not use. Destroying the socket instead would make
 * the client see a connection reset rather than our error response.
 */
export function drain(req: IncomingMessage): void {
  req.removeAllListeners("data");
  req.resume();
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declaresTooLarge(req, limit)) {
      drain(req);
      reject(new PayloadTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      drain(req);
      reject(error);
    };
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) return fail(new PayloadTooLargeError(limit));
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    req.on("error", fail);
  });
}

/** An empty body reads as `{}`, as GoTrue and Storage treat it; anything else must be a JSON object. */
export async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const text = (await readBody(req, limit)).toString("utf8");
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BadJsonError(error instanceof Error ? error.message : "invalid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new BadJsonError("request body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const payload = Buffer.from(JSON.stringify(body));
  const encoding = payload.length >= MIN_COMPRESS_BYTES && res.req?.method !== "HEAD" ? chooseEncoding(res.req) : undefined;
  const sent = encoding ? compressBuffer(payload, encoding) : payload;
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(sent.length),
    ...(encoding ? { "content-encoding": encoding, vary: varyOnEncoding(headers.vary) } : {}),
  });
  res.end(sent);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^bearer\s+(.+)$/i.exec(header.trim());
  return match ? match[1].trim() : undefined;
}

const origins = new WeakMap<IncomingMessage, string>();

/** server.ts records the configured origin on each request before any handler runs. */
export function bindOrigin(req: IncomingMessage, origin: string): void {
  origins.set(req, origin);
}

/**
 * The stack's public origin, for token issuers and links in messages: SUPABASE_PUBLIC_URL or the
 * address the gateway is bound to. Never read from Host or X-Forwarded-Host, which the caller
 * chooses: a recovery link must not point at an attacker's host.
 */
export function requestOrigin(req: IncomingMessage): string {
  return origins.get(req) ?? "http://localhost";
}

export function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === "string" ? value : undefined;
}

export function objectField(body: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = body[key];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

// /rest/v1/* → PostgREST, streamed both ways. PostgREST checks the JWT and runs the query as
// its role; the gateway only adds what Kong adds on hosted Supabase (a default Authorization
// from the apikey) and the body cap PostgREST lacks.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { GatewayConfig } from "./options.ts";
import { chooseEncoding, compressStream, isCompressibleType, MIN_COMPRESS_BYTES, varyOnEncoding } from "./compress.ts";
import { declaresTooLarge, drain, sendJson } from "./http.ts";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host"]);

function forwardableHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/** The path and query after `/rest/v1`, byte-for-byte (PostgREST filters are encoding-sensitive), minus `apikey`. */
function upstreamPath(rawUrl: string): string {
  const rest = rawUrl.slice("/rest/v1".length);
  const [path, query] = rest.split("?", 2) as [string, string | undefined];
  // An `apikey` query parameter is for the gateway; PostgREST would read it as a column filter.
  const kept = (query ?? "").split("&").filter((part) => part !== "" && !/^apikey(=|$)/i.test(part));
  return `${path || "/"}${kept.length ? `?${kept.join("&")}` : ""}`;
}

const tooLarge = { message: "Request size limit exceeded" };
// PostgREST is supervised and restarted within seconds (postgrest.ts): say so, and when to retry,
// rather than a 502 that reads as "broken for good".
const unavailable = {
  code: "CG503",
  message: "data_api_unavailable",
  details: null,
  hint: "数据接口正在重启，请几秒后重试 / The data API is restarting; retry in a few seconds",
};

/** The encoding to compress an upstream answer with, if it is text worth compressing. */
function responseEncoding(req: IncomingMessage, upstreamRes: IncomingMessage) {
  if (req.method === "HEAD" || upstreamRes.headers["content-encoding"]) return undefined;
  const status = upstreamRes.statusCode ?? 200;
  if (status === 204 || status === 304 || status < 200) return undefined;
  if (!isCompressibleType(upstreamRes.headers["content-type"])) return undefined;
  const length = Number(upstreamRes.headers["content-length"]);
  if (Number.isFinite(length) && length < MIN_COMPRESS_BYTES) return undefined;
  return chooseEncoding(req);
}

export function proxyToPostgrest(req: IncomingMessage, res: ServerResponse, apiKey: string, config: GatewayConfig): Promise<void> {
  return new Promise((resolve) => {
    if (declaresTooLarge(req, config.maxBodyBytes)) {
      drain(req);
      sendJson(res, 413, tooLarge);
      resolve();
      return;
    }
    const target = new URL(config.postgrestUrl);
    const headers = forwardableHeaders(req.headers);
    if (!headers.authorization) headers.authorization = `Bearer ${apiKey}`;
    let settled = false;
    // Set once we give up on the upstream request ourselves, so its resulting error is expected.
    let abandoned = false;
    const finish = () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    };

    const upstream = httpRequest(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: upstreamPath(req.url ?? "/rest/v1/"), headers },
      (upstreamRes) => {
        const responseHeaders = forwardableHeaders(upstreamRes.headers);
        const encoding = responseEncoding(req, upstreamRes);
        if (encoding) {
          delete responseHeaders["content-length"];
          responseHeaders["content-encoding"] = encoding;
          responseHeaders.vary = varyOnEncoding(responseHeaders.vary);
        }
        res.writeHead(upstreamRes.statusCode ?? 502, responseHeaders);
        if (encoding) upstreamRes.pipe(compressStream(encoding)).pipe(res);
        else upstreamRes.pipe(res);
        upstreamRes.on("end", finish);
        upstreamRes.on("error", () => {
          res.destroy();
          finish();
        });
      },
    );
    upstream.on("error", (error) => {
      if (abandoned) return finish();
      config.log(`gateway: PostgREST request failed: ${error.message}`);
      if (!res.headersSent) sendJson(res, 503, unavailable, { "retry-after": "1" });
      else res.destroy();
      finish();
    });
    res.on("close", () => {
      if (!res.writableFinished) {
        abandoned = true;
        upstream.destroy();
      }
      finish();
    });

    let received = 0;
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > config.maxBodyBytes) {
        // PostgREST answers only after the whole body, so no response has started yet.
        abandoned = true;
        upstream.destroy();
        drain(req);
        if (!res.headersSent) sendJson(res, 413, tooLarge);
        finish();
        return;
      }
      if (!upstream.write(chunk)) req.pause();
    });
    upstream.on("drain", () => req.resume());
    req.on("end", () => {
      if (received <= config.maxBodyBytes) upstream.end();
    });
    req.on("error", () => {
      abandoned = true;
      upstream.destroy();
    });
  });
}

// /rest/v1/* → PostgREST, streamed both ways. PostgREST checks the JWT and runs the query as
// its role; the gateway only adds what Kong adds on hosted Supabase (a default Authorization
// from the apikey) and the body cap PostgREST lacks.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { GatewayConfig } from "./options.ts";
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
const badUpstream = { message: "An invalid response was received from the upstream server" };

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
        res.writeHead(upstreamRes.statusCode ?? 502, responseHeaders);
        upstreamRes.pipe(res);
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
      if (!res.headersSent) sendJson(res, 502, badUpstream);
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

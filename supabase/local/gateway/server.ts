// The local stand-in for Supabase's API gateway: one Node http server that routes /rest/v1 to
// PostgREST, answers /auth/v1 and /storage/v1 itself, and serves the built SPA for the rest.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkApiKey, swapNewKeysForJwts } from "./api-key.ts";
import { handleAuth, isOpenAuthPath } from "./auth.ts";
import { API_VERSION_HEADERS } from "./auth-errors.ts";
import { serveMailbox } from "./auth-mailbox.ts";
import { authState } from "./auth-state.ts";
import { applyCors, sendPreflight } from "./cors.ts";
import { sendHealth } from "./health.ts";
import { bindOrigin, drain, sendJson } from "./http.ts";
import { resolveConfig, type GatewayConfig, type GatewayOptions } from "./options.ts";
import { proxyToPostgrest } from "./rest-proxy.ts";
import { unfilteredWrite } from "./rest-safeupdate.ts";
import { serveStatic } from "./static.ts";
import { createStorageHandler } from "./storage.ts";

export type { GatewayOptions } from "./options.ts";

type Api = "rest" | "auth" | "storage" | "other";

// Prefixes hosted Supabase serves that the local stack does not: answered as Kong answers them,
// never with the SPA's HTML.
const OTHER_API_PREFIXES = new Set(["rest", "auth", "storage", "functions", "realtime", "graphql", "pg", "analytics"]);

function apiOf(pathname: string): Api | undefined {
  for (const api of ["rest", "auth", "storage"] as const) {
    if (pathname === `/${api}/v1` || pathname.startsWith(`/${api}/v1/`)) return api;
  }
  return OTHER_API_PREFIXES.has(pathname.split("/")[1] ?? "") ? "other" : undefined;
}

const noRoute = { message: "no Route matched with those values" };

function sendUnexpected(res: ServerResponse, api: Api | undefined): void {
  const message = "Internal server error";
  if (api === "auth") sendJson(res, 500, { code: 500, error_code: "unexpected_failure", msg: message, message }, API_VERSION_HEADERS);
  else if (api === "storage") sendJson(res, 500, { statusCode: "500", code: "InternalError", error: "internal", message });
  else sendJson(res, 500, { message });
}

function createHandler(config: GatewayConfig) {
  const handleStorage = createStorageHandler(config);
  return async (req: IncomingMessage, res: ServerResponse, url: URL, api: Api | undefined): Promise<void> => {
    // No response of ours is meant to be content-sniffed.
    res.setHeader("x-content-type-options", "nosniff");
    bindOrigin(req, config.origin);
    if (!api && url.pathname === "/health" && (req.method === "GET" || req.method === "HEAD")) return sendHealth(res, config);
    if (!api && (url.pathname === "/_mailbox" || url.pathname.startsWith("/_mailbox/"))) return serveMailbox(req, res, url, authState(config).mailbox);
    if (!api) {
      if (req.method === "GET" || req.method === "HEAD") return serveStatic(req, res, url.pathname, config);
      drain(req);
      return sendJson(res, 404, noRoute);
    }
    applyCors(res);
    if (req.method === "OPTIONS") return sendPreflight(req, res);
    if (api === "other") {
      drain(req);
      return sendJson(res, 404, noRoute);
    }
    swapNewKeysForJwts(req, config);
    if (api === "storage") return handleStorage(req, res, url);
    // Kong's open auth routes on hosted: links in e-mails are opened without an apikey.
    if (api === "auth" && isOpenAuthPath(url.pathname)) return handleAuth(req, res, url, config);
    const key = checkApiKey(req, url, config);
    if (!key.ok) {
      drain(req);
      return sendJson(res, key.status, key.body);
    }
    if (api === "rest") {
      const refused = unfilteredWrite(req);
      if (refused) {
        drain(req);
        return sendJson(res, 400, refused);
      }
      return proxyToPostgrest(req, res, key.apiKey, config);
    }
    return handleAuth(req, res, url, config);
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.removeListener("listening", onListening);
      if (error.code === "EADDRINUSE") {
        reject(
          new Error(
            `网关端口 ${port} 已被占用，请用环境变量 GATEWAY_PORT 指定其他端口。` +
              ` / Gateway port ${port} is already in use; set the GATEWAY_PORT environment variable to another port.`,
          ),
        );
      } else reject(error);
    };
    const onListening = () => {
      server.removeListener("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

export async function startGateway(o: GatewayOptions): Promise<{ url: string; close(): Promise<void> }> {
  const config = resolveConfig(o);
  const handle = createHandler(config);
  const server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://gateway.invalid");
    } catch {
      drain(req);
      sendJson(res, 400, { message: "Bad request" });
      return;
    }
    const api = apiOf(url.pathname);
    handle(req, res, url, api).catch((error: unknown) => {
      config.log(`gateway: ${req.method} ${url.pathname} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      drain(req);
      sendUnexpected(res, api);
    });
  });
  await listen(server, o.host, o.port);
  server.on("error", (error) => config.log(`gateway: server error: ${error.message}`));
  const { port } = server.address() as AddressInfo;
  const shownHost = o.host === "0.0.0.0" || o.host === "::" ? "localhost" : o.host.includes(":") ? `[${o.host}]` : o.host;
  const boundUrl = `http://${shownHost}:${port}`;
  if (!config.publicUrl) config.origin = boundUrl;
  return {
    url: boundUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// CORS for the API routes, as Supabase's Kong `cors` plugin answers: any origin, no cookies
// (supabase-js sends tokens in headers), and preflights answered by the gateway itself.
import type { IncomingMessage, ServerResponse } from "node:http";

const ALLOWED_HEADERS = [
  "authorization",
  "apikey",
  "content-type",
  "x-client-info",
  "x-supabase-api-version",
  "prefer",
  "range",
  "accept-profile",
  "content-profile",
  "x-upsert",
  "x-metadata",
  "cache-control",
  "x-retry-count",
].join(", ");

const EXPOSED_HEADERS = "content-range, content-profile, content-location, x-total-count, link, x-supabase-api-version, etag, content-disposition";

const ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

export function applyCors(res: ServerResponse): void {
  res.setHeader("access-control-allow-origin", "*");
  res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
}

export function sendPreflight(req: IncomingMessage, res: ServerResponse): void {
  // Kong echoes the requested headers when none are configured; doing the same keeps custom
  // `global.headers` of a supabase-js client working, with the known list as the floor.
  const requested = req.headers["access-control-request-headers"];
  res.writeHead(204, {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-allow-headers": typeof requested === "string" && requested.trim() ? `${ALLOWED_HEADERS}, ${requested}` : ALLOWED_HEADERS,
    "access-control-max-age": "3600",
    "content-length": "0",
  });
  res.end();
}

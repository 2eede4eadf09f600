// Serves the built SPA with history fallback. index.html gets the anon key injected, and the
// API origin is the page's own (or the configured public URL), so one build works on whatever
// host and port the browser reached us by without echoing any request header into the page.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { createGzip } from "node:zlib";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt"]);

// The page may load and talk to its own origin only. antd writes its CSS-in-JS into <style>
// elements, hence 'unsafe-inline' for styles (never for scripts); the one inline script is the
// injected configuration, allowed by its hash.
function contentSecurityPolicy(scriptHash?: string): string {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptHash ? ` '${scriptHash}'` : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function securityHeaders(scriptHash?: string): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(scriptHash),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  };
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>社区治理低代码平台</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.6">
<h1>前端尚未构建 / The web app is not built yet</h1>
<p>请先运行 <code>npm run build</code>，然后刷新本页。接口已可用：/rest/v1、/auth/v1、/storage/v1。</p>
<p>Run <code>npm run build</code>, then reload this page. The API is already up at /rest/v1, /auth/v1 and /storage/v1.</p>
</body></html>`;

export type StaticSite = { staticDir: string; anonKey: string; publicUrl: string | undefined };

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The configuration script's body: only server-side values, the origin is the browser's own. */
function configScript(site: StaticSite): string {
  // `<` escaped so no value can close the script element.
  const json = JSON.stringify(site.publicUrl ? { url: site.publicUrl, anonKey: site.anonKey } : { anonKey: site.anonKey }).replace(/</g, "\\u003c");
  return `window.__SUPABASE__=Object.assign({url:location.origin},${json})`;
}

async function sendIndex(res: ServerResponse, site: StaticSite, indexPath: string): Promise<void> {
  const html = await readFile(indexPath, "utf8");
  const script = configScript(site);
  const hash = `sha256-${createHash("sha256").update(script).digest("base64")}`;
  const tag = `<script>${script}</script>`;
  const body = html.includes("</head>") ? html.replace("</head>", () => `${tag}</head>`) : `${tag}${html}`;
  res.writeHead(200, {
    ...securityHeaders(hash),
    "content-type": CONTENT_TYPES[".html"],
    "cache-control": "no-cache",
    "content-length": String(Buffer.byteLength(body)),
  });
  res.end(body);
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string, size: number): void {
  const ext = extname(path).toLowerCase();
  // Vite fingerprints everything under assets/, so those may be cached for good.
  const immutable = path.includes(`${sep}assets${sep}`);
  const headers: Record<string, string> = {
    ...securityHeaders(),
    "content-type": CONTENT_TYPES[ext] ?? "application/octet-stream",
    "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    vary: "accept-encoding",
  };
  const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  if (gzip) headers["content-encoding"] = "gzip";
  else headers["content-length"] = String(size);
  res.writeHead(200, headers);
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const source = createReadStream(path);
  source.on("error", () => res.destroy());
  if (gzip) source.pipe(createGzip()).pipe(res);
  else source.pipe(res);
}

export async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, site: StaticSite): Promise<void> {
  const root = resolve(site.staticDir);
  const indexPath = join(root, "index.html");
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = "/";
  }
  const candidate = resolve(root, `.${decoded}`);
  const insideRoot = candidate === root || candidate.startsWith(root + sep);
  const ext = extname(decoded).toLowerCase();
  // Source maps would hand out the original source; a build made with them still serves none.
  const refused = ext === ".map";
  if (!refused && insideRoot && candidate !== indexPath && (await isFile(candidate))) {
    sendFile(req, res, candidate, (await stat(candidate)).size);
    return;
  }
  // A missing asset is a 404, not the app shell: a stale tab must not parse HTML as JavaScript.
  if (refused || (ext !== ".html" && ext in CONTENT_TYPES)) {
    res.writeHead(404, { ...securityHeaders(), "content-type": "text/plain; charset=utf-8" });
    res.end("Not found");
    return;
  }
  if (await isFile(indexPath)) {
    await sendIndex(res, site, indexPath);
    return;
  }
  res.writeHead(200, { ...securityHeaders(), "content-type": CONTENT_TYPES[".html"], "cache-control": "no-cache" });
  res.end(NOT_BUILT_PAGE);
}

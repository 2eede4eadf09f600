// Serves the built SPA with history fallback. index.html gets the API origin and anon key
// injected, so one build works on whatever host and port the browser reached us by.
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { createGzip } from "node:zlib";
import { requestOrigin } from "./http.ts";

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
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
};

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".map"]);

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>社区治理低代码平台</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.6">
<h1>前端尚未构建 / The web app is not built yet</h1>
<p>请先运行 <code>npm run build</code>，然后刷新本页。接口已可用：/rest/v1、/auth/v1、/storage/v1。</p>
<p>Run <code>npm run build</code>, then reload this page. The API is already up at /rest/v1, /auth/v1 and /storage/v1.</p>
</body></html>`;

export type StaticSite = { staticDir: string; anonKey: string };

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function configScript(req: IncomingMessage, anonKey: string): string {
  // `<` escaped so no value can close the script element.
  const json = JSON.stringify({ url: requestOrigin(req), anonKey }).replace(/</g, "\\u003c");
  return `<script>window.__SUPABASE__=${json}</script>`;
}

async function sendIndex(req: IncomingMessage, res: ServerResponse, site: StaticSite, indexPath: string): Promise<void> {
  const html = await readFile(indexPath, "utf8");
  const script = configScript(req, site.anonKey);
  const body = html.includes("</head>") ? html.replace("</head>", `${script}</head>`) : `${script}${html}`;
  res.writeHead(200, { "content-type": CONTENT_TYPES[".html"], "cache-control": "no-cache", "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string, size: number): void {
  const ext = extname(path).toLowerCase();
  // Vite fingerprints everything under assets/, so those may be cached for good.
  const immutable = path.includes(`${sep}assets${sep}`);
  const headers: Record<string, string> = {
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
  if (insideRoot && candidate !== indexPath && (await isFile(candidate))) {
    sendFile(req, res, candidate, (await stat(candidate)).size);
    return;
  }
  // A missing asset is a 404, not the app shell: a stale tab must not parse HTML as JavaScript.
  const ext = extname(decoded).toLowerCase();
  if (ext !== ".html" && ext in CONTENT_TYPES) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("Not found");
    return;
  }
  if (await isFile(indexPath)) {
    await sendIndex(req, res, site, indexPath);
    return;
  }
  res.writeHead(200, { "content-type": CONTENT_TYPES[".html"], "cache-control": "no-cache" });
  res.end(NOT_BUILT_PAGE);
}

// The local mail catcher, like the Supabase CLI's Inbucket/Mailpit: every message the auth server
// would send (recovery links, codes) is kept here, printed to the console and shown at /_mailbox.
// Nothing is ever sent. Hosted Supabase has no such page; the gateway serves it only to clients
// on this machine, since its links sign whoever opens them in.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname } from "node:path";
import { sendJson } from "./http.ts";

export type MailMessage = { id: string; to: string; subject: string; text: string; link?: string; linkLabel?: string; code?: string; sentAt: string };

const KEPT_MESSAGES = 200;

export function createMailbox(file: string, log: (line: string) => void) {
  let messages: MailMessage[] = [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (Array.isArray(parsed)) messages = parsed as MailMessage[];
  } catch {
    // No mailbox yet, or an unreadable one: start empty.
  }

  function save(): void {
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(messages, null, 2));
      renameSync(`${file}.tmp`, file);
    } catch (error) {
      log(`mailbox: could not save ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function deliver(message: Omit<MailMessage, "id" | "sentAt">): MailMessage {
    const stored = { ...message, id: crypto.randomUUID(), sentAt: new Date().toISOString() };
    messages = [stored, ...messages].slice(0, KEPT_MESSAGES);
    save();
    log(
      `📧 本地邮箱 / local mailbox → ${stored.to}: ${stored.subject}${stored.link ? `\n   ${stored.link}` : ""}${stored.code ? `\n   code ${stored.code}` : ""}`,
    );
    return stored;
  }

  /** Newest first; `to` filters by recipient (case-insensitive). */
  function list(to?: string): MailMessage[] {
    return to ? messages.filter((m) => m.to.toLowerCase() === to.toLowerCase()) : messages;
  }

  return { deliver, list };
}

export type Mailbox = ReturnType<typeof createMailbox>;

function isLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? "";
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(messages: MailMessage[]): string {
  const items = messages
    .map(
      (m) => `<article>
<h2>${escapeHtml(m.subject)}</h2>
<p class="meta">收件人 / To: <b>${escapeHtml(m.to)}</b> · <time datetime="${m.sentAt}">${escapeHtml(m.sentAt.replace("T", " ").slice(0, 19))} UTC</time></p>
<pre>${escapeHtml(m.text)}</pre>
${m.link ? `<p><a href="${escapeHtml(m.link)}">${escapeHtml(m.linkLabel ?? "打开链接 / Open link")}</a></p>` : ""}
${m.code ? `<p>验证码 / Code: <code>${escapeHtml(m.code)}</code></p>` : ""}
</article>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>本地邮箱 / Local mailbox</title>
<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}article{border:1px solid #ddd;border-radius:8px;padding:0 1rem;margin:1rem 0}.meta{color:#666}pre{white-space:pre-wrap}</style>
</head><body>
<h1>本地邮箱 / Local mailbox</h1>
<p>本地认证服务"发送"的邮件和短信都在这里，从不真正发出。托管 Supabase 上没有此页面。<br>
Messages the local auth server would send (e-mail and SMS) land here and are never sent. Hosted Supabase has no such page.</p>
${items || "<p>暂无邮件 / No messages yet.</p>"}
</body></html>`;
}

/** GET /_mailbox (HTML) and GET /_mailbox/api/messages[?to=] (JSON), newest first. */
export function serveMailbox(req: IncomingMessage, res: ServerResponse, url: URL, mailbox: Mailbox): void {
  if (!isLoopback(req) || (req.method !== "GET" && req.method !== "HEAD")) {
    sendJson(res, 404, { message: "no Route matched with those values" });
    return;
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (path === "/_mailbox/api/messages") {
    sendJson(res, 200, mailbox.list(url.searchParams.get("to") ?? undefined), { "cache-control": "no-store" });
    return;
  }
  const body = page(mailbox.list());
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "content-length": String(Buffer.byteLength(body)),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

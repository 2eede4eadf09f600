// Shared by the auth db tests: raw GoTrue calls where the status and error code on the wire
// matter, calls from another loopback address (per-IP limits), users made per run with the admin
// API, and the local mailbox.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { randomInt, randomUUID } from "node:crypto";
import { request } from "node:http";

export const url = process.env.SUPABASE_URL!;
export const anonKey = process.env.SUPABASE_ANON_KEY!;
export const dbUrl = process.env.SUPABASE_DB_URL!;
const options = { auth: { persistSession: false, autoRefreshToken: false } };
export const PASSWORD = "Test@2026-pw";
export const run = randomUUID().slice(0, 8);

export const anon = (): SupabaseClient => createClient(url, anonKey, options);
export const admin: SupabaseClient = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!, options);

export type Wire = { status: number; body: Record<string, unknown>; headers: Record<string, string | string[] | undefined> };

/**
 * One request to /auth/v1, optionally from another loopback source address: the test stack lifts
 * per-IP limits for 127.0.0.1 only, so 127.0.0.x (x ≥ 2) meets GoTrue's defaults.
 */
export function authCall(path: string, init: { method?: string; body?: unknown; token?: string; from?: string } = {}): Promise<Wire> {
  const target = new URL(`${url}/auth/v1${path}`);
  const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
  const headers: Record<string, string> = { apikey: anonKey, "content-type": "application/json" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (payload) headers["content-length"] = String(Buffer.byteLength(payload));
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: init.method ?? "POST", headers, localAddress: init.from },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

export const uniqueEmail = (label: string) => `${label}-${run}-${randomInt(0, 1e9)}@test.local`;
export const uniqueNational = () => `139${String(randomInt(0, 1e8)).padStart(8, "0")}`;

const made: string[] = [];

/** A confirmed e-mail account with PASSWORD, made with the admin API. */
export async function makeUser(label = "auth") {
  const email = uniqueEmail(label);
  const { data, error } = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true, user_metadata: { display_name: "测试用户" } });
  if (error) throw error;
  made.push(data.user.id);
  return { id: data.user.id, email };
}

export function remember(userId: string): void {
  made.push(userId);
}

export async function removeMadeUsers(): Promise<void> {
  for (const id of made.splice(0)) await admin.auth.admin.deleteUser(id);
}

export type MailMessage = { id: string; to: string; subject: string; text: string; link?: string; code?: string; sentAt: string };

export async function mailboxFor(email: string): Promise<MailMessage[]> {
  const response = await fetch(`${url}/_mailbox/api/messages?to=${encodeURIComponent(email)}`);
  if (response.status !== 200) throw new Error(`mailbox answered ${response.status}`);
  return (await response.json()) as MailMessage[];
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")) as Record<string, unknown>;
}

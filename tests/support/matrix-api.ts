// Raw HTTP to the stack, as an attacker would send it: any method, header and token, with the
// answer kept whole (status, headers, body) so a test can look for data anywhere in it.
const url = process.env.SUPABASE_URL!;
export const anonKey = process.env.SUPABASE_ANON_KEY!;

export type Reply = { status: number; headers: Headers; text: string; json: unknown };

export type RequestOptions = {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The project key the gateway wants in `apikey` (the anon key unless a test says otherwise). */
  apiKey?: string;
};

async function send(path: string, token: string | null, o: RequestOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { apikey: o.apiKey ?? anonKey, ...o.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetch(`${url}${path}`, { method: o.method ?? "GET", headers, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // CSV, plain text, file bytes
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** `/rest/v1<path>` with the caller's token (null: no Authorization header, the apikey alone). */
export const rest = (token: string | null, path: string, o?: RequestOptions) => send(`/rest/v1${path}`, token, o);

export const rpc = (token: string | null, fn: string, args: Record<string, unknown>, o?: RequestOptions) =>
  send(`/rest/v1/rpc/${fn}`, token, { ...o, method: "POST", body: args });

export const storage = (token: string | null, path: string, o?: RequestOptions) => send(`/storage/v1${path}`, token, o);

/** The rows of a JSON array reply, or [] for anything else (an error, a refusal). */
export function rowsOf<T = Record<string, unknown>>(reply: Reply): T[] {
  return reply.status < 300 && Array.isArray(reply.json) ? (reply.json as T[]) : [];
}

/** `*\/42` in Content-Range → 42. */
export function totalOf(reply: Reply): number | null {
  const total = /\/(\d+)$/.exec(reply.headers.get("content-range") ?? "")?.[1];
  return total === undefined ? null : Number(total);
}

// One timed PostgREST request, end to end (request sent → body read), with what it returned: the
// rows, the total (Content-Range for a counted list; the sum of `value` for a dashboard RPC) and
// the ids of the rows (so two contenders' pages can be compared id for id). Fails on any status
// other than 2xx: a refused request must not pass for a fast one.

export type BenchRequest = { method: "GET" | "POST"; path: string; body?: unknown; prefer?: readonly string[] };

export type Sample = { ms: number; total: number | null; rows: number; ids: string[] };

function totalOf(contentRange: string | null, body: unknown): number | null {
  const counted = /\/(\d+)$/.exec(contentRange ?? "")?.[1];
  if (counted !== undefined) return Number(counted);
  if (Array.isArray(body) && body.length > 0 && body.every((row) => row !== null && typeof row === "object" && "value" in row)) {
    return body.reduce((sum: number, row: { value: unknown }) => sum + Number(row.value), 0);
  }
  return null;
}

export async function send(baseUrl: string, token: string, request: BenchRequest): Promise<Sample> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (request.prefer?.length) headers.prefer = request.prefer.join(", ");
  if (request.body !== undefined) headers["content-type"] = "application/json";
  const began = performance.now();
  const res = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  const text = await res.text();
  const ms = performance.now() - began;
  if (!res.ok) throw new Error(`${request.method} ${request.path} → HTTP ${res.status}: ${text.slice(0, 400)}`);
  const body: unknown = text ? JSON.parse(text) : null;
  const rows = Array.isArray(body) ? body : [];
  const ids = rows.flatMap((row: unknown) => (row !== null && typeof row === "object" && "id" in row ? [String(row.id)] : []));
  return { ms, total: totalOf(res.headers.get("content-range"), body), rows: rows.length, ids };
}

/** A GET, optionally with an exact count (the revocation-check measurement, pre-request-cost.ts). */
export async function requestOnce(baseUrl: string, token: string, path: string, count: boolean): Promise<Sample> {
  return send(baseUrl, token, { method: "GET", path, prefer: count ? ["count=exact"] : [] });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

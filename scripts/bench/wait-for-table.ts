// PostgREST learns of a table created after it started only once its schema cache reloads
// (typed-baseline.ts sends `notify pgrst, 'reload schema'`): wait until the table answers.
export async function waitForTable(baseUrl: string, token: string, table: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${baseUrl}/${table}?select=id&limit=1`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.ok) return;
    if (Date.now() > deadline) throw new Error(`PostgREST did not serve ${table} within ${timeoutMs / 1000} s (HTTP ${res.status})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// EXPLAIN (ANALYZE, BUFFERS) of a query as a signed-in user would run it through PostgREST:
// role `authenticated`, the user's claims, a prepared statement with its value bound as a
// parameter, and the custom plans the authenticator role forces (plan_cache_mode).
import type pg from "pg";

export async function explainAsUser(client: pg.Client, userId: string, sql: string, params: string[]): Promise<string> {
  await client.query("begin");
  try {
    await client.query("set local role authenticated");
    await client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: userId, role: "authenticated" })]);
    await client.query("set local plan_cache_mode = force_custom_plan");
    await client.query(`prepare bench_explained as ${sql}`);
    const literals = params.map((p) => `'${p.replace(/'/g, "''")}'`).join(", ");
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) execute bench_explained${params.length ? `(${literals})` : ""}`);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await client.query("rollback");
    await client.query("deallocate all");
  }
}

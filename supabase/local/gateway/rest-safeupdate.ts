// Hosted Supabase loads `safeupdate` for the Data API (supabase/postgres
// 20260403172611_safeupdate-data-api-enable.sql): an UPDATE or DELETE without a WHERE clause is
// refused with 21000. The extension is not in the embedded Postgres, so the gateway refuses the
// requests that would produce one: a PATCH or DELETE on a table with no row filter. (Inside
// functions the same rule holds on hosted; tests/db/catalogue-privileges.test.ts checks that no
// routine body has an unqualified UPDATE or DELETE.)
import type { IncomingMessage } from "node:http";

// Query parameters that shape a request but do not filter its rows.
const NOT_FILTERS = new Set(["select", "order", "limit", "offset", "columns", "on_conflict", "apikey"]);

/** The safeupdate error for a table write with no filter, or undefined when the request is fine. */
export function unfilteredWrite(req: IncomingMessage): { code: string; message: string; details: null; hint: string } | undefined {
  const method = req.method ?? "GET";
  if (method !== "PATCH" && method !== "DELETE") return undefined;
  const url = new URL(req.url ?? "/", "http://gateway.local");
  const path = url.pathname.slice("/rest/v1".length);
  if (path.startsWith("/rpc/")) return undefined;
  const filtered = [...url.searchParams.keys()].some((name) => !NOT_FILTERS.has(name.toLowerCase()));
  if (filtered) return undefined;
  const verb = method === "PATCH" ? "UPDATE" : "DELETE";
  return {
    code: "21000",
    message: `${verb} requires a WHERE clause`,
    details: null,
    hint: "修改或删除必须带筛选条件 / Add a filter: an update or delete of every row is refused",
  };
}

// The leader cockpit's figures (cockpit_summary, cockpit_trend): counted as the caller over their
// own record policies, for a unit and everything below it. Each figure is checked against a direct
// count of the same records computed here as postgres (subtree by path, the role's read grants,
// terminal states of the service's current version), and against what the record list's URL
// filters (unit subtree, overdue, date range) return through PostgREST for the same user. A unit
// outside the caller's units is refused with PT403. Through the API as real demo users.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { beforeAll, describe, expect, it } from "vitest";
import { as, sql, unitId, UNITS } from "../support/engine-fixtures";

type SummaryRow = {
  unit_id: string | null;
  unit_name: string | null;
  service_id: string | null;
  received: number;
  in_progress: number;
  completed: number;
  overdue: number;
  completed_late: number;
  avg_hours: number | null;
  p90_hours: number | null;
  rated: number;
  satisfied: number;
};
type Direct = { received: number; in_progress: number; completed: number; overdue: number };

let leader: SupabaseClient; // leader at 吉首市 (433101)
let street: SupabaseClient; // staff at 吉凤街道 (433101009)
let staff: SupabaseClient; // staff at 牯牛坪社区 (433101009001)

async function signIn(email: string): Promise<SupabaseClient> {
  const c = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!, { auth: { persistSession: false, autoRefreshToken: false } });
  const { error } = await c.auth.signInWithPassword({ email, password: "Demo@2026" });
  if (error) throw error;
  return c;
}

async function summary(c: SupabaseClient, unitCode: string, from: string | null = null, to: string | null = null): Promise<SummaryRow[]> {
  const { data, error } = await c.rpc("cockpit_summary", { p_unit_id: await unitId(unitCode), p_from: from, p_to: to });
  expect(error).toBeNull();
  return data as SummaryRow[];
}

const overall = (rows: SummaryRow[]) => rows.find((r) => r.unit_id === null && r.service_id === null)!;
const pick = ({ received, in_progress, completed, overdue }: SummaryRow | Direct): Direct => ({
  received: Number(received),
  in_progress: Number(in_progress),
  completed: Number(completed),
  overdue: Number(overdue),
});

/**
 * As postgres, past RLS: the records under `unitCode` that a member holding `role` at
 * `scopeCode` reads (the role's read grant, the membership's subtree), grouped by `groupBy`.
 */
async function direct(scopeCode: string, role: string, unitCode: string, groupBy: "none" | "child" = "none", from?: string, to?: string) {
  return sql<Direct & { child: string | null }>(
    `with target as (select id, path, depth from public.org_units where code = $3),
          scope as (select path from public.org_units where code = $1)
     select ${groupBy === "child" ? "coalesce(((string_to_array(u.path, '.'))[t.depth + 2])::uuid, t.id)::text" : "null::text"} as child,
            count(*)::int as received,
            count(*) filter (where not done)::int as in_progress,
            count(*) filter (where done)::int as completed,
            count(*) filter (where not done and r.due_at < now())::int as overdue
       from target t, scope sc, public.records r
       join public.org_units u on u.id = r.org_unit_id
       join public.services s on s.id = r.service_id
       join public.service_versions v on v.service_id = s.id and v.version = s.current_version
       cross join lateral (select exists (select 1 from jsonb_array_elements(v.definition #> '{workflow,states}') st
                                           where st ->> 'key' = r.status and (st ->> 'terminal')::boolean) as done) x
      where r.deleted_at is null
        and (u.path = t.path or u.path like t.path || '.%')
        and (u.path = sc.path or u.path like sc.path || '.%')
        and exists (select 1 from public.service_role_grants g where g.service_id = r.service_id and g.role_key = $2 and g.action = 'read')
        and ($4::date is null or r.created_at >= $4::date::timestamp at time zone 'Asia/Shanghai')
        and ($5::date is null or r.created_at < ($5::date + 1)::timestamp at time zone 'Asia/Shanghai')
      group by 1`,
    [scopeCode, role, unitCode, from ?? null, to ?? null],
  );
}

beforeAll(async () => {
  [leader, staff, street] = await Promise.all([as("leader"), as("staff"), signIn("street@demo.local")]);
});

describe("cockpit_summary", () => {
  it("gives the city leader 吉首市's figures, equal to a direct count of the records they read, with overdue cases among them", async () => {
    const rows = await summary(leader, "433101");
    const [expected] = await direct("433101", "leader", "433101");
    expect(expected.received).toBeGreaterThan(0);
    expect(expected.overdue).toBeGreaterThan(0);
    expect(pick(overall(rows))).toEqual(pick(expected));
    expect(Number(overall(rows).completed_late)).toBeGreaterThanOrEqual(0);
  });

  it("splits the figures by child unit (streets under 吉首市) exactly as the direct count does, and by service summing to the whole", async () => {
    const rows = await summary(leader, "433101");
    const byUnit = Object.fromEntries(rows.filter((r) => r.unit_id && !r.service_id).map((r) => [r.unit_id, pick(r)]));
    const expected = Object.fromEntries((await direct("433101", "leader", "433101", "child")).map((r) => [r.child, pick(r)]));
    expect(byUnit).toEqual(expected);
    const services = rows.filter((r) => !r.unit_id && r.service_id);
    expect(services.length).toBeGreaterThan(1);
    expect(services.reduce((sum, r) => sum + Number(r.received), 0)).toBe(Number(overall(rows).received));
    // a unit × service cell sums to its unit's row
    const jifeng = await unitId(UNITS.jifengStreet);
    const cells = rows.filter((r) => r.unit_id === jifeng && r.service_id);
    expect(cells.reduce((sum, r) => sum + Number(r.overdue), 0)).toBe(byUnit[jifeng].overdue);
  });

  it("counts only the records created on the Beijing days asked for", async () => {
    const [{ day }] = await sql<{ day: string }>(
      `select to_char(percentile_disc(0.5) within group (order by (r.created_at at time zone 'Asia/Shanghai')::date), 'YYYY-MM-DD') as day
         from public.records r join public.org_units u on u.id = r.org_unit_id where u.code like '433101%'`,
    );
    const [expected] = await direct("433101", "leader", "433101", "none", day, "2099-12-31");
    const rows = await summary(leader, "433101", day, "2099-12-31");
    expect(pick(overall(rows))).toEqual(pick(expected));
    const [all] = await direct("433101", "leader", "433101");
    expect(expected.received).toBeLessThan(all.received);
  });

  it("gives the street's staff 吉凤街道 and its communities, and a drill-down to one community, each equal to the direct count", async () => {
    const [expected] = await direct("433101009", "staff", "433101009");
    expect(pick(overall(await summary(street, "433101009")))).toEqual(pick(expected));
    const [community] = await direct("433101009", "staff", UNITS.guniuping);
    expect(pick(overall(await summary(street, UNITS.guniuping)))).toEqual(pick(community));
    const [own] = await direct(UNITS.guniuping, "staff", UNITS.guniuping);
    expect(pick(overall(await summary(staff, UNITS.guniuping)))).toEqual(pick(own));
  });

  it("gives the street leader 吉凤街道 and each of its communities, equal to the direct count, and refuses a sibling street, its community and the city", async () => {
    const streetLeader = await signIn("streetleader@demo.local"); // leader at 吉凤街道 (433101009)
    const rows = await summary(streetLeader, UNITS.jifengStreet);
    const [expected] = await direct(UNITS.jifengStreet, "leader", UNITS.jifengStreet);
    expect(expected.overdue).toBeGreaterThan(0);
    expect(pick(overall(rows))).toEqual(pick(expected));
    const byUnit = Object.fromEntries(rows.filter((r) => r.unit_id && !r.service_id).map((r) => [r.unit_id, pick(r)]));
    const byChild = await direct(UNITS.jifengStreet, "leader", UNITS.jifengStreet, "child");
    expect(byChild.length).toBeGreaterThan(2); // several communities (and 本级) have records
    expect(byUnit).toEqual(Object.fromEntries(byChild.map((r) => [r.child, pick(r)])));
    const [wanxi] = await direct(UNITS.jifengStreet, "leader", "433101009002");
    expect(wanxi.received).toBeGreaterThan(0);
    expect(pick(overall(await summary(streetLeader, "433101009002")))).toEqual(pick(wanxi));

    // 石家冲街道 (a sibling street) has records, yet neither it, its community nor the city above is counted for them
    const [sibling] = await direct("433101", "leader", "433101007");
    expect(sibling.received).toBeGreaterThan(0);
    for (const code of ["433101007", "433101007001", "433101"]) {
      const refused = await streetLeader.rpc("cockpit_summary", { p_unit_id: await unitId(code), p_from: null, p_to: null });
      expect(refused.error, code).toMatchObject({ code: "PT403", message: "cockpit_unit_out_of_scope" });
      expect(refused.data).toBeNull();
    }
    const trend = await streetLeader.rpc("cockpit_trend", { p_unit_id: await unitId("433101007"), p_period: "month" });
    expect(trend.error).toMatchObject({ code: "PT403", message: "cockpit_unit_out_of_scope" });
  });

  it("the record list's URL filters (unit subtree by path, overdue, created range) return exactly the records counted", async () => {
    const street = await sql<{ path: string }>("select path from public.org_units where code = $1", [UNITS.jifengStreet]);
    const rows = await summary(leader, "433101");
    const jifeng = await unitId(UNITS.jifengStreet);
    for (const cell of rows.filter((r) => r.unit_id === jifeng && r.service_id)) {
      const [{ terminal }] = await sql<{ terminal: string[] }>(
        `select coalesce(array_agg(st ->> 'key'), '{}') as terminal from public.services s
           join public.service_versions v on v.service_id = s.id and v.version = s.current_version,
                jsonb_array_elements(v.definition #> '{workflow,states}') st
          where s.id = $1 and (st ->> 'terminal')::boolean`,
        [cell.service_id],
      );
      let query = leader
        .from("records")
        .select("id,org_units!inner(path)", { count: "exact", head: true })
        .eq("service_id", cell.service_id!)
        .like("org_units.path", `${street[0].path}*`)
        .lt("due_at", new Date().toISOString());
      if (terminal.length > 0) query = query.not("status", "in", `(${terminal.map((k) => `"${k}"`).join(",")})`);
      const { count, error } = await query;
      expect(error).toBeNull();
      expect(count).toBe(Number(cell.overdue));
    }
  });

  it("refuses a unit outside the caller's units with PT403, in Chinese and English", async () => {
    const other = await leader.rpc("cockpit_summary", { p_unit_id: await unitId("433122"), p_from: null, p_to: null });
    expect(other.error).toMatchObject({ code: "PT403", message: "cockpit_unit_out_of_scope" });
    expect(other.error?.hint).toContain("管辖范围");
    const up = await street.rpc("cockpit_summary", { p_unit_id: await unitId("433101"), p_from: null, p_to: null });
    expect(up.error).toMatchObject({ code: "PT403", message: "cockpit_unit_out_of_scope" });
    const sibling = await staff.rpc("cockpit_trend", { p_unit_id: await unitId("433101009002"), p_period: "month" });
    expect(sibling.error).toMatchObject({ code: "PT403", message: "cockpit_unit_out_of_scope" });
    const anonymous = await createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!).rpc("cockpit_summary", {
      p_unit_id: await unitId("433101"),
    });
    expect(anonymous.error).not.toBeNull();
    const backwards = await leader.rpc("cockpit_summary", { p_unit_id: await unitId("433101"), p_from: "2026-02-01", p_to: "2026-01-01" });
    expect(backwards.error).toMatchObject({ code: "PT400", message: "cockpit_period_invalid" });
  });
});

describe("cockpit_trend", () => {
  it("splits the same records by month and by week, summing to the overall figures", async () => {
    const total = overall(await summary(leader, "433101"));
    for (const period of ["month", "week"]) {
      const { data, error } = await leader.rpc("cockpit_trend", { p_unit_id: await unitId("433101"), p_period: period });
      expect(error).toBeNull();
      const rows = data as { period_start: string; received: number; overdue: number }[];
      expect(rows.length).toBeGreaterThan(1);
      expect(rows.reduce((s, r) => s + Number(r.received), 0)).toBe(Number(total.received));
      expect(rows.reduce((s, r) => s + Number(r.overdue), 0)).toBe(Number(total.overdue));
    }
    const bad = await leader.rpc("cockpit_trend", { p_unit_id: await unitId("433101"), p_period: "year" });
    expect(bad.error).toMatchObject({ code: "PT400", message: "cockpit_period_kind_invalid" });
  });
});

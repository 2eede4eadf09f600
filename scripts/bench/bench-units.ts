// The units the benchmark's callers sit at: the staff member at the generator's scoped unit
// (≈ 10 % of the records), the leader at the deepest unit whose subtree holds ≥ 95 % of the
// service's live records (the generator spreads records over every grid the service's owner
// covers, so this may be the prefecture rather than a county), and a grid in the staff member's
// subtree to file new records at.
import type pg from "pg";

export type BenchUnit = { code: string; name: string; unit: string };
export type BenchUnits = { staff: BenchUnit; leader: BenchUnit; createGrid: string; liveTotal: number };

const describe = (r: { code: string; name: string; level: string }): BenchUnit => ({ code: r.code, name: r.name, unit: `${r.name} (${r.code}, ${r.level})` });

export async function benchUnits(db: pg.Client, serviceId: string, staffUnitCode: string): Promise<BenchUnits> {
  const { rows: leaders } = await db.query<{ code: string; name: string; level: string; n: number; total: number }>(
    `with live as (select r.org_unit_id, count(*)::int as n from public.records r where r.service_id = $1 and r.deleted_at is null group by 1),
          total as (select coalesce(sum(n), 0)::int as total from live)
     select a.code, a.name, a.level, sum(l.n)::int as n, total.total
       from public.org_units a
       join public.org_units u on u.path = a.path or u.path like a.path || '.%'
       join live l on l.org_unit_id = u.id
      cross join total
      group by a.id, total.total
     having sum(l.n) >= 0.95 * total.total
      order by a.depth desc, sum(l.n) desc
      limit 1`,
    [serviceId],
  );
  if (!leaders.length) throw new Error("no grid_event records to measure");
  const { rows: staff } = await db.query<{ code: string; name: string; level: string; grid: string | null }>(
    `select s.code, s.name, s.level,
            (select g.id from public.org_units g where g.level = 'grid' and g.path like s.path || '.%' order by g.code limit 1) as grid
       from public.org_units s where s.code = $1`,
    [staffUnitCode],
  );
  if (!staff[0]?.grid) throw new Error(`no grid below unit ${staffUnitCode}`);
  return { staff: describe(staff[0]), leader: describe(leaders[0]), createGrid: staff[0].grid, liveTotal: leaders[0].total };
}

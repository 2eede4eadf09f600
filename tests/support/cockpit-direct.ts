// The cockpit's figures counted directly, as postgres past RLS, for e2e journeys to compare with
// what the page shows. The 口径 of docs/cockpit.md (and private.cockpit_records): the records filed
// at a unit or below that a member holding `role` at `scopeCode` reads (not deleted, the role's read
// grant, the membership's subtree); terminal = a terminal state of the service's CURRENT version;
// overdue = not terminal and due_at < now().
import pg from "pg";

export type DirectCounts = { service: string; child: string; child_code: string; received: number; in_progress: number; completed: number; overdue: number };

const cohort = `
  from public.records r
  join public.org_units u on u.id = r.org_unit_id
  join public.org_units t on t.code = $3
  join public.org_units sc on sc.code = $1
  join public.services s on s.id = r.service_id
  join public.service_versions v on v.service_id = s.id and v.version = s.current_version
 cross join lateral (select exists (select 1 from jsonb_array_elements(v.definition #> '{workflow,states}') st
                                     where st ->> 'key' = r.status and (st ->> 'terminal')::boolean) as done) x
  -- the child of the target unit the record lies under (the target itself for records filed there)
  join public.org_units c on c.id = coalesce(((string_to_array(u.path, '.'))[t.depth + 2])::uuid, t.id)
 where r.deleted_at is null
   and (u.path = t.path or u.path like t.path || '.%')
   and (u.path = sc.path or u.path like sc.path || '.%')
   and exists (select 1 from public.service_role_grants g where g.service_id = r.service_id and g.role_key = $2 and g.action = 'read')`;

async function query<T extends pg.QueryResultRow>(text: string, params: unknown[]): Promise<T[]> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  try {
    return (await db.query<T>(text, params)).rows;
  } finally {
    await db.end();
  }
}

/** Per service × child unit of `unitCode` (the child's name; the unit's own name for records filed at it). */
export function directCounts(scopeCode: string, role: string, unitCode: string): Promise<DirectCounts[]> {
  return query<DirectCounts>(
    `select s.name as service, c.name as child, c.code as child_code, count(*)::int as received,
            count(*) filter (where not done)::int as in_progress,
            count(*) filter (where done)::int as completed,
            count(*) filter (where not done and r.due_at < now())::int as overdue
     ${cohort}
      group by s.name, c.name, c.code
      order by s.name, c.name`,
    [scopeCode, role, unitCode],
  );
}

/** The ids of the overdue records of service `serviceName` under `unitCode`, as the member reads them. */
export async function directOverdueIds(scopeCode: string, role: string, unitCode: string, serviceName: string): Promise<string[]> {
  const rows = await query<{ id: string }>(`select r.id ${cohort} and s.name = $4 and not done and r.due_at < now() order by r.id`, [
    scopeCode,
    role,
    unitCode,
    serviceName,
  ]);
  return rows.map((r) => r.id).sort();
}

type Figure = Exclude<keyof DirectCounts, "service" | "child" | "child_code">;

/** The rows' sum of one figure. */
export const total = (rows: DirectCounts[], key: Figure): number => rows.reduce((sum, r) => sum + r[key], 0);

/** The rows summed per `by` (service or child unit), each with all four figures. */
export function sumBy(rows: DirectCounts[], by: "service" | "child"): Map<string, Record<Figure, number>> {
  const sums = new Map<string, Record<Figure, number>>();
  for (const r of rows) {
    const s = sums.get(r[by]) ?? { received: 0, in_progress: 0, completed: 0, overdue: 0 };
    sums.set(r[by], {
      received: s.received + r.received,
      in_progress: s.in_progress + r.in_progress,
      completed: s.completed + r.completed,
      overdue: s.overdue + r.overdue,
    });
  }
  return sums;
}

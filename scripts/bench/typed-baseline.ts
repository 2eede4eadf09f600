// The hand-written baseline the engine is measured against (issue 11, item 6): grid_event as a
// team writing this one service by hand on Supabase would build it — a typed table with one real
// column per field, the same system columns, btree indexes for the queries the list and the
// dashboard make, an RLS policy with the engine's read semantics written with one security-definer
// helper, a validation trigger and check constraints for what the field rules require, and SQL
// functions (security invoker, so the same policy applies) for the dashboard's figures.
// Built inside the benchmark's throw-away stack only (never a migration), in `public` so
// PostgREST serves it without configuration, filled with the very rows of public.records.
import type pg from "pg";

/** What each grid_event field is, as a column (resources/services/grid_event.json). */
const TABLE = `
create table public.grid_events_typed (
  id uuid primary key default gen_random_uuid(),
  org_unit_id uuid not null references public.org_units (id),
  status text not null default 'reported'
    check (status in ('reported', 'grid_handling', 'community_handling', 'street_handling', 'resolved', 'closed', 'invalid')),
  due_at timestamptz,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  category text not null
    check (category in ('sanitation', 'municipal', 'property', 'fire_safety', 'dispute', 'public_security', 'vulnerable_care', 'epidemic', 'other')),
  title text not null check (btrim(title) <> '' and char_length(title) <= 40),
  description text not null check (char_length(description) between 10 and 1000),
  photos jsonb not null check (jsonb_typeof(photos) = 'array' and jsonb_array_length(photos) between 1 and 9),
  address text not null check (btrim(address) <> '' and char_length(address) <= 100),
  grid uuid not null references public.org_units (id),
  urgency text not null check (urgency in ('red', 'yellow', 'blue')),
  level text check (level in ('l1_grid', 'l2_community', 'l3_street', 'l4_departments')),
  departments text check (char_length(departments) <= 100),
  reported_by uuid,
  reporter_name text check (char_length(reporter_name) <= 30),
  reporter_phone text check (reporter_phone ~ '^1[3-9][0-9]{9}$' or reporter_phone ~ '^0[0-9]{2,3}-?[0-9]{7,8}$'),
  handler uuid,
  result text check (char_length(result) <= 1000),
  result_photos jsonb check (jsonb_typeof(result_photos) = 'array' and jsonb_array_length(result_photos) <= 9),
  satisfaction text check (satisfaction in ('satisfied', 'basically', 'unsatisfied'))
)`;

// The same rows, ids included (so the two sides' pages can be compared id for id); the raw phone
// from the engine's sensitive store, where records.data keeps it masked.
const COPY = `
insert into public.grid_events_typed (id, org_unit_id, status, due_at, created_at, created_by, updated_at, updated_by, deleted_at,
  category, title, description, photos, address, grid, urgency, level, departments, reported_by, reporter_name, reporter_phone,
  handler, result, result_photos, satisfaction)
select r.id, r.org_unit_id, r.status, r.due_at, r.created_at, r.created_by, r.updated_at, r.updated_by, r.deleted_at,
       r.data ->> 'category', r.data ->> 'title', r.data ->> 'description', r.data -> 'photos', r.data ->> 'address',
       (r.data ->> 'grid')::uuid, r.data ->> 'urgency', r.data ->> 'level', r.data ->> 'departments', (r.data ->> 'reported_by')::uuid,
       r.data ->> 'reporter_name', coalesce(s.data ->> 'reporter_phone', r.data ->> 'reporter_phone'), (r.data ->> 'handler')::uuid,
       r.data ->> 'result', r.data -> 'result_photos', r.data ->> 'satisfaction'
  from public.records r
  left join private.record_sensitive_values s on s.record_id = r.id
 where r.service_id = $1`;

// What a competent hand-writer indexes for these queries: the newest-first list (whole scope and
// per unit), counts per unit, the status and urgency filters within a scope, the sort by
// category, the overdue figure. `id` rides along where a count reads the index alone (the
// policy's participant arm names it).
const INDEXES = `
create index grid_events_typed_created_idx on public.grid_events_typed (created_at desc, id) where deleted_at is null;
create index grid_events_typed_unit_created_idx on public.grid_events_typed (org_unit_id, created_at desc, id) where deleted_at is null;
create index grid_events_typed_status_unit_idx on public.grid_events_typed (status, org_unit_id) include (id) where deleted_at is null;
create index grid_events_typed_urgency_unit_idx on public.grid_events_typed (urgency, org_unit_id) include (id) where deleted_at is null;
create index grid_events_typed_category_idx on public.grid_events_typed (category, org_unit_id, id) where deleted_at is null;
create index grid_events_typed_due_idx on public.grid_events_typed (due_at) where deleted_at is null and status not in ('closed', 'invalid')`;

// The engine's read rule for this service: the caller holds, at the record's unit or above, an
// active role granted the action on grid_event — or took part in the record. One helper returning
// the caller's unit ids, evaluated once per query ((select …) is an initplan; plpgsql, so its plan
// is cached for the pooled connection). Written with what the engine learnt (docs/benchmarks.md,
// "Participants keep sight"), so the baseline is a strong one: a plain OR of the unit arm and the
// participant arm makes Postgres scan the whole table (measured here: a seq scan for a 10 % count),
// so the index condition takes every unit the caller may see a row at (the scope's units and those
// of the records they took part in), and the exact rule is checked on top of it — as `in (select
// unnest(…))`, a hashed subplan: `= any (array)` in a filter compares each row with every element
// (the leader's 484 units made the typed count 2× the engine's at 100k records).
const POLICY = `
create function private.grid_event_unit_ids(p_action text, p_with_participations boolean) returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select coalesce(array_agg(distinct x.id), '{}')
    from (
      select u.id
        from public.memberships m
        join public.service_role_grants g on g.role_key = m.role_key and g.action = p_action
        join public.services s on s.id = g.service_id and s.key = 'grid_event'
        join public.org_units mine on mine.id = m.org_unit_id
        join public.org_units u on u.path = mine.path or u.path like mine.path || '.%'
       where m.user_id = (select auth.uid()) and m.status = 'active'
      union all
      -- the caller's participations, looked up by primary key: a join here was planned as a hash
      -- over the whole table once the caller had taken part in anything (≈ 40 ms per request
      -- at 1M; the engine had the same flaw until it kept its participants' units)
      select t.org_unit_id
        from public.grid_events_typed t
       where p_with_participations and t.deleted_at is null
         and t.id = any (array(select p.record_id from public.record_participants p where p.user_id = (select auth.uid())))
    ) x);
end;
$$;
revoke execute on function private.grid_event_unit_ids(text, boolean) from public, anon;
grant execute on function private.grid_event_unit_ids(text, boolean) to authenticated;

alter table public.grid_events_typed enable row level security;
create policy "Read grid events in my units or that I took part in" on public.grid_events_typed for select to authenticated
using (
  deleted_at is null
  and org_unit_id = any ((select private.grid_event_unit_ids('read', true))::uuid[])
  and (org_unit_id in (select unnest(private.grid_event_unit_ids('read', false)))
       or id in (select p.record_id from public.record_participants p where p.user_id = (select auth.uid())))
);
create policy "File grid events in my units" on public.grid_events_typed for insert to authenticated
with check (org_unit_id = any ((select private.grid_event_unit_ids('create', false))::uuid[]));
grant select, insert on public.grid_events_typed to authenticated`;

// Filing: what the check constraints cannot say — the grid is a grid, the record sits there in
// the initial state, due by its urgency, filed by the caller; staged fields wait for their step;
// the phone only with the resident's name (visibleWhen).
const TRIGGER = `
create function private.grid_events_typed_before_insert() returns trigger
language plpgsql set search_path = '' as $$
begin
  if not exists (select 1 from public.org_units u where u.id = new.grid and u.level = 'grid') then
    raise exception using errcode = 'PT400', message = 'grid_invalid', hint = '所属网格应为一个网格 / The grid must be a grid';
  end if;
  if num_nonnulls(new.level, new.departments, new.handler, new.result, new.result_photos, new.satisfaction) > 0 then
    raise exception using errcode = 'PT400', message = 'field_not_reached', hint = '处置字段在办理环节填写 / Handling fields are filled in later steps';
  end if;
  if new.reporter_phone is not null and new.reporter_name is null then
    raise exception using errcode = 'PT400', message = 'field_hidden', hint = '填写反映人后才能填写电话 / A phone needs the resident''s name';
  end if;
  new.org_unit_id := new.grid;
  new.status := 'reported';
  new.due_at := now() + case new.urgency when 'red' then interval '2 hours' when 'yellow' then interval '24 hours' else interval '72 hours' end;
  new.created_at := now();
  new.updated_at := now();
  new.created_by := (select auth.uid());
  new.updated_by := new.created_by;
  new.reported_by := coalesce(new.reported_by, new.created_by);
  new.deleted_at := null;
  return new;
end;
$$;
create trigger grid_events_typed_before_insert before insert on public.grid_events_typed
for each row execute function private.grid_events_typed_before_insert()`;

// The dashboard's figures, as the engine's service_widget_data gives them for grid_event.
const DASHBOARD = `
create function public.grid_events_typed_by_status() returns table (bucket text, value numeric)
language sql stable security invoker set search_path = '' as $$
  select t.status, count(*)::numeric from public.grid_events_typed t group by t.status order by 2 desc, 1
$$;
create function public.grid_events_typed_overdue() returns table (bucket text, value numeric)
language sql stable security invoker set search_path = '' as $$
  select null::text, count(*)::numeric from public.grid_events_typed t where t.due_at < now() and t.status not in ('closed', 'invalid')
$$;
create function public.grid_events_typed_by_month() returns table (bucket text, value numeric)
language sql stable security invoker set search_path = '' as $$
  select to_char(t.created_at at time zone 'Asia/Shanghai', 'YYYY-MM'), count(*)::numeric from public.grid_events_typed t group by 1 order by 1
$$;
revoke execute on function public.grid_events_typed_by_status(), public.grid_events_typed_overdue(), public.grid_events_typed_by_month() from public, anon;
grant execute on function public.grid_events_typed_by_status(), public.grid_events_typed_overdue(), public.grid_events_typed_by_month() to authenticated`;

export type TypedBaseline = { rows: number; seconds: number };

/** Builds the table and copies the service's records into it (as the stack's superuser). */
export async function buildTypedBaseline(db: pg.Client, serviceId: string): Promise<TypedBaseline> {
  const began = Date.now();
  await db.query("begin");
  try {
    await db.query(TABLE);
    const copied = await db.query(COPY, [serviceId]);
    await db.query(INDEXES);
    await db.query(POLICY);
    await db.query(TRIGGER);
    await db.query(DASHBOARD);
    await db.query("commit");
    await db.query("vacuum (analyze) public.grid_events_typed");
    await db.query("notify pgrst, 'reload schema'");
    return { rows: copied.rowCount ?? 0, seconds: (Date.now() - began) / 1000 };
  } catch (e) {
    await db.query("rollback").catch(() => undefined);
    throw e;
  }
}

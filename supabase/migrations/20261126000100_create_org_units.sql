-- The administrative tree 州 → 县/市 → 街道/乡镇 → 社区/村 → 网格, with official codes
-- (GB/T 2260, GB/T 10114, 12-digit statistical codes, 15-digit grid codes) and a
-- materialised path of ids so "is this unit inside my unit" is one prefix test.

create schema if not exists private;
comment on schema private is 'Helpers for policies and triggers. Not exposed through PostgREST.';
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

create table public.org_units (
  id uuid primary key default gen_random_uuid(),
  parent_id uuid references public.org_units (id) on delete restrict,
  code text not null unique check (code ~ '^\d{6}(\d{3}(\d{3}(\d{3})?)?)?$'),
  name text not null check (length(name) between 1 and 60),
  level text not null check (level in ('prefecture', 'county', 'street', 'community', 'grid')),
  path text not null default '',
  depth int not null default 0,
  sort_order int not null default 0,
  valid_from date,
  valid_to date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.org_units is 'Administrative units and grids. path = ancestor ids joined by "." ending with the own id.';

create index org_units_parent_id_idx on public.org_units (parent_id);
create index org_units_path_idx on public.org_units (path text_pattern_ops);

-- routine: supabase/routines/private/org_unit_level_rank.sql
-- The level order is fixed by law; a child sits exactly one level below its parent
-- (a grid under a community, a community under a street …).
create or replace function private.org_unit_level_rank(level text) returns int
language sql immutable set search_path = '' as $$
  select array_position(array['prefecture', 'county', 'street', 'community', 'grid'], level)
$$;
-- end routine

-- routine: supabase/routines/private/org_units_set_path.sql
create or replace function private.org_units_set_path() returns trigger
language plpgsql set search_path = '' as $$
declare
  parent public.org_units;
begin
  if new.parent_id is null then
    if new.level <> 'prefecture' then
      raise exception using errcode = '23514', message = 'org_units: only a 州/市 may have no parent',
        detail = '只有州/市级单位可以没有上级单位';
    end if;
    new.path := new.id::text;
    new.depth := 0;
  else
    select * into parent from public.org_units where id = new.parent_id;
    if parent.id is null then
      raise exception using errcode = '23503', message = 'org_units: parent not found', detail = '上级单位不存在';
    end if;
    if private.org_unit_level_rank(new.level) <> private.org_unit_level_rank(parent.level) + 1 then
      raise exception using errcode = '23514',
        message = format('org_units: a %s cannot sit under a %s', new.level, parent.level),
        detail = '下级单位的层级必须比上级低一级';
    end if;
    if parent.path like '%' || new.id::text || '%' then
      raise exception using errcode = '23514', message = 'org_units: a unit cannot move under itself', detail = '不能把单位移到自己的下级之下';
    end if;
    new.path := parent.path || '.' || new.id::text;
    new.depth := parent.depth + 1;
  end if;
  new.updated_at := now();
  return new;
end;
$$;
-- end routine

create trigger org_units_set_path
before insert or update of parent_id, level on public.org_units
for each row execute function private.org_units_set_path();

-- routine: supabase/routines/private/org_units_repath_children.sql
-- Moving a unit re-roots its whole subtree.
create or replace function private.org_units_repath_children() returns trigger
language plpgsql set search_path = '' as $$
begin
  -- The outermost update already re-rooted every descendant.
  if pg_trigger_depth() = 1 and new.path is distinct from old.path then
    update public.org_units
       set path = new.path || substr(path, length(old.path) + 1),
           depth = depth + (new.depth - old.depth)
     where path like old.path || '.%';
  end if;
  return null;
end;
$$;
-- end routine

create trigger org_units_repath_children
after update of path on public.org_units
for each row execute function private.org_units_repath_children();

alter table public.org_units enable row level security;

-- The tree itself is not personal data; every signed-in user needs it for pickers,
-- escalation targets and headers. Writes come with the access-control roles.
create policy "Signed-in users can read the org tree"
on public.org_units for select to authenticated using (true);

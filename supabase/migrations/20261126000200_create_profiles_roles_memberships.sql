-- Who people are (profiles, one per auth user, made by a trigger on sign-up), which roles
-- exist, and which role a person holds at which unit (memberships). A membership at a
-- unit scopes the person to that unit's subtree.

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null default '' check (length(display_name) <= 60),
  email text,
  phone text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'Public face of an auth user: the name staff see. Created by a trigger on auth.users.';

-- routine: supabase/routines/private/handle_new_user.sql
create or replace function private.handle_new_user() returns trigger
language plpgsql security definer set search_path = '' as $$
-- security definer: runs inside GoTrue's insert into auth.users, whose role cannot write public tables.
begin
  insert into public.profiles (id, display_name, email, phone)
  values (
    new.id,
    coalesce(nullif(new.raw_user_meta_data ->> 'display_name', ''), nullif(new.raw_user_meta_data ->> 'name', ''),
             split_part(coalesce(new.email, ''), '@', 1), coalesce(new.phone, '')),
    new.email,
    new.phone
  )
  on conflict (id) do nothing;
  return new;
end;
$$;
-- end routine

create trigger on_auth_user_created
after insert on auth.users
for each row execute function private.handle_new_user();

create table public.roles (
  key text primary key check (key ~ '^[a-z][a-z0-9_]{1,39}$'),
  name text not null,
  name_en text not null,
  description text not null default '',
  is_preset boolean not null default false,
  sort_order int not null default 100
);
comment on table public.roles is 'Role catalogue. Presets ship with the product; communities may add their own.';

insert into public.roles (key, name, name_en, description, is_preset, sort_order) values
  ('system_admin', '系统管理员', 'System administrator', '平台运维，管理全部配置', true, 10),
  ('community_admin', '社区管理员', 'Community administrator', '社区书记/主任：配置服务、管理人员与网格', true, 20),
  ('staff', '工作人员', 'Staff', '社区工作人员：受理、核验、办理', true, 30),
  ('grid_worker', '网格员', 'Grid worker', '网格内走访、上报事件、小事不出网格', true, 40),
  ('leader', '领导', 'Leader', '街道/县/州领导：查看看板与下钻', true, 50),
  ('volunteer', '志愿者', 'Volunteer', '志愿者/下沉党员：参与敲门行动', true, 60);

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  org_unit_id uuid not null references public.org_units (id) on delete restrict,
  role_key text not null references public.roles (key) on update cascade,
  status text not null default 'active' check (status in ('active', 'suspended')),
  created_at timestamptz not null default now(),
  created_by uuid references auth.users (id),
  unique (user_id, org_unit_id, role_key)
);
comment on table public.memberships is 'A user holds a role at a unit; their data scope is that unit''s subtree.';
create index memberships_user_id_idx on public.memberships (user_id) where status = 'active';
create index memberships_org_unit_id_idx on public.memberships (org_unit_id);

-- routine: supabase/routines/private/my_unit_paths.sql
-- Paths of the units where the current user holds an active membership.
-- security definer: policies on memberships itself call it, and must not recurse into RLS.
create or replace function private.my_unit_paths() returns text[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(u.path), '{}')
    from public.memberships m
    join public.org_units u on u.id = m.org_unit_id
   where m.user_id = (select auth.uid()) and m.status = 'active'
$$;
-- end routine

-- routine: supabase/routines/private/in_my_scope.sql
-- Is unit `unit_path` inside (or equal to) one of the current user's units?
create or replace function private.in_my_scope(unit_path text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from unnest(private.my_unit_paths()) p
     where unit_path = p or unit_path like p || '.%'
  )
$$;
-- end routine

alter table public.profiles enable row level security;
alter table public.roles enable row level security;
alter table public.memberships enable row level security;

create policy "Users can read their own profile"
on public.profiles for select to authenticated
using (id = (select auth.uid()));

create policy "Users can read profiles of members within their scope"
on public.profiles for select to authenticated
using (exists (
  select 1 from public.memberships m join public.org_units u on u.id = m.org_unit_id
   where m.user_id = profiles.id and private.in_my_scope(u.path)
));

create policy "Users can update their own profile"
on public.profiles for update to authenticated
using (id = (select auth.uid())) with check (id = (select auth.uid()));

create policy "Signed-in users can read the role catalogue"
on public.roles for select to authenticated using (true);

create policy "Users can read their own memberships"
on public.memberships for select to authenticated
using (user_id = (select auth.uid()));

create policy "Users can read memberships within their scope"
on public.memberships for select to authenticated
using (exists (select 1 from public.org_units u where u.id = memberships.org_unit_id and private.in_my_scope(u.path)));

create table public.app_settings (
  key text primary key check (key ~ '^[a-z][a-z0-9_]{1,59}$'),
  value jsonb not null,
  updated_at timestamptz not null default now()
);
comment on table public.app_settings is 'Installation-wide switches, e.g. demo_mode (the UI then watermarks 演示数据).';
alter table public.app_settings enable row level security;
create policy "Signed-in users can read installation settings"
on public.app_settings for select to authenticated using (true);

-- routine: supabase/routines/public/my_context.sql
-- Everything the shell needs about the signed-in user in one round trip.
create or replace function public.my_context() returns json
language sql stable security invoker set search_path = '' as $$
  select json_build_object(
    'user_id', p.id,
    'display_name', p.display_name,
    'email', p.email,
    'phone', p.phone,
    'demo', exists (select 1 from public.app_settings s where s.key = 'demo_mode' and s.value = 'true'::jsonb),
    'memberships', coalesce((
      select json_agg(json_build_object(
        'org_unit_id', u.id, 'org_unit_name', u.name, 'org_unit_level', u.level, 'org_unit_code', u.code,
        -- "第一网格" alone is ambiguous: name the unit from its street down.
        'org_unit_full_name', (select string_agg(a.name, '' order by a.depth) from public.org_units a
                                where u.path like a.path || '%' and (a.depth >= 2 or a.id = u.id)),
        'role_key', r.key, 'role_name', r.name, 'role_name_en', r.name_en) order by r.sort_order, u.depth)
        from public.memberships m
        join public.org_units u on u.id = m.org_unit_id
        join public.roles r on r.key = m.role_key
       where m.user_id = p.id and m.status = 'active'), '[]'::json)
  )
  from public.profiles p
  where p.id = (select auth.uid())
$$;

revoke execute on function public.my_context() from public, anon;
-- end routine

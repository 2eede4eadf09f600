-- The `storage` schema as hosted Supabase Storage has it: buckets, objects and the path helper
-- functions that policies use. RLS is on with no policies, so nothing is allowed until a
-- migration says so — the same starting point as a new hosted project. The local gateway runs
-- every object operation as the caller's role, so these policies are the only authority.
-- Runs once on a fresh database, as the superuser.

create schema if not exists storage;

create table storage.buckets (
  id text not null primary key,
  name text not null,
  -- Deprecated in hosted Storage in favour of owner_id; kept for compatibility.
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text
);

comment on table storage.buckets is 'Storage: containers for objects; limits apply to every upload.';
create unique index bname on storage.buckets (name);

create table storage.objects (
  id uuid not null default gen_random_uuid() primary key,
  bucket_id text references storage.buckets (id),
  name text,
  -- Deprecated in hosted Storage in favour of owner_id; kept for compatibility.
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  owner_id text,
  user_metadata jsonb
);

comment on table storage.objects is 'Storage: one row per stored file; its bytes live outside the database.';
create unique index bucketid_objname on storage.objects (bucket_id, name);
create index name_prefix_search on storage.objects (name text_pattern_ops);

alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;

-- Path helpers with hosted Storage's results: foldername('a/b/c.pdf') = {a,b},
-- filename(...) = 'c.pdf', extension(...) = 'pdf' (the whole file name when it has no dot).
-- Written in SQL and immutable (hosted uses plpgsql) so the planner can inline them in policies.
-- No `set search_path` for the same reason (it blocks inlining); they call only pg_catalog
-- functions and each other, schema-qualified.
create or replace function storage.foldername(name text) returns text[]
language sql immutable
as $$
  select (string_to_array(name, '/'))[1:array_length(string_to_array(name, '/'), 1) - 1]
$$;

create or replace function storage.filename(name text) returns text
language sql immutable
as $$
  select (string_to_array(name, '/'))[array_length(string_to_array(name, '/'), 1)]
$$;

create or replace function storage.extension(name text) returns text
language sql immutable
as $$
  select reverse(split_part(reverse(storage.filename(name)), '.', 1))
$$;

-- As on hosted Supabase: the API roles hold table privileges and RLS decides row by row.
grant usage on schema storage to anon, authenticated, service_role;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;
grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text)
  to anon, authenticated, service_role;
alter default privileges in schema storage grant all on tables to anon, authenticated, service_role;
alter default privileges in schema storage grant all on functions to anon, authenticated, service_role;
alter default privileges in schema storage grant all on sequences to anon, authenticated, service_role;

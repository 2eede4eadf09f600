-- What hosted `postgres` may do in the platform's schemas, and no more (supabase/postgres
-- `20211115181400_update-auth-permissions.sql`, `20250421084701_revoke_admin_roles_from_postgres.sql`,
-- changelog 34270): read and write the auth tables, put triggers on them and reference them,
-- but create nothing in `auth` or `storage`. Runs once on a fresh database, as the superuser.

grant usage on schema auth, storage to postgres;
grant select, insert, update, delete, trigger, references on all tables in schema auth to postgres;
grant select on all tables in schema auth to postgres with grant option;
grant usage, select on all sequences in schema auth to postgres;
grant select, insert, update, delete, trigger, references on all tables in schema storage to postgres;

-- Hosted lets `postgres` create RLS policies on storage.objects and storage.buckets through
-- supautils' `policy_grants` without owning them. Plain PostgreSQL only lets an owner create a
-- policy, so the local stand-in hands these two tables to `postgres`; everything else in the
-- platform's schemas stays the superuser's.
alter table storage.objects owner to postgres;
alter table storage.buckets owner to postgres;

-- Hosted lets `postgres` configure PostgREST through role settings on `authenticator`
-- (e.g. `alter role authenticator set pgrst.db_pre_request = …`, Supabase's "securing your
-- API" guide). Plain PostgreSQL needs the right to set these placeholder parameters.
grant set on parameter "pgrst.db_pre_request", "pgrst.db_schemas", "pgrst.db_extra_search_path",
  "pgrst.jwt_aud", "pgrst.db_max_rows" to postgres;

-- What hosted Supabase provides before any migration runs: the API roles, `postgres` as hosted
-- has it (no superuser: NOSUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS, see
-- supabase/postgres `demote-postgres.sql`), and the extensions schema. Runs once on a fresh
-- database, as the superuser `supabase_admin`. Migrations never create any of this. The local
-- CLI sets the passwords of `postgres` and `authenticator` afterwards.
--
-- No default privileges: since 2026-10-30 hosted grants new `public` tables to no API role
-- (changelog 45329). Every migration grants what the API needs, explicitly, so a missing grant
-- fails here first instead of after `supabase db push`.

create role postgres login nosuperuser createdb createrole replication bypassrls;
alter database postgres owner to postgres;

create role anon nologin noinherit;
create role authenticated nologin noinherit;
create role service_role nologin noinherit bypassrls;
create role authenticator login noinherit;
grant anon, authenticated, service_role to authenticator;
-- As on hosted: `postgres` may act as the API roles (SET ROLE in SQL tests and the editor) and
-- may configure `authenticator` (e.g. `pgrst.db_pre_request`), without becoming it.
grant anon, authenticated, service_role to postgres;
grant authenticator to postgres with admin true, inherit false, set false;

create schema if not exists extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;

alter database postgres set search_path = "$user", public, extensions;

grant usage on schema public to anon, authenticated, service_role;

-- PostgREST binds JSON keys as parameters; generic cached plans then ignore expression
-- indexes (STACK.md). Hosted projects set the same on their authenticator.
alter role authenticator set plan_cache_mode = force_custom_plan;
alter role authenticator set statement_timeout = '8s';
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

-- What hosted Supabase provides before any migration runs: the API roles, the extensions
-- schema, and the default privileges that let RLS (not GRANTs) decide access in `public`.
-- Runs once on a fresh database, as the superuser. Migrations never create any of this.
-- :authenticator_password is bound by the local CLI.

create role anon nologin noinherit;
create role authenticated nologin noinherit;
create role service_role nologin noinherit bypassrls;
create role authenticator login noinherit;
grant anon, authenticated, service_role to authenticator;

create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;

alter database postgres set search_path = "$user", public, extensions;

grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

-- PostgREST binds JSON keys as parameters; generic cached plans then ignore expression
-- indexes (STACK.md). Hosted projects set the same on their authenticator.
alter role authenticator set plan_cache_mode = force_custom_plan;
alter role authenticator set statement_timeout = '8s';
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

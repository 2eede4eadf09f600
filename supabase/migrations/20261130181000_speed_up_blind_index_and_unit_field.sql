-- Speed up every record write that holds an ID number or phone: blind_index, blind_value,
-- canonical_phone and record_unit_field become plpgsql with the same results. As sql functions
-- with `set search_path` they were never inlined and were planned again each time the trigger
-- statement calling them ran: ≈ 0.1 ms per nested call, 3.1 of 6.6 s when seeding 2,000
-- records (pg_stat_user_functions); plpgsql keeps its plans per session (0.37 s). Found while
-- making `npm run seed` load 1M records (issue #11).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/blind_index.sql
-- The blind index of a value: HMAC-SHA256 of its normalised form (blind_value) under the
-- installation's secret key (private.blind_index_key, readable by no API role). Equal values
-- give equal digests, so a full ID number or phone can be found without storing or comparing
-- it in clear, and without the key nobody can test guesses against the digests. Null for a
-- value that is not a full ID number or phone.
-- security definer: reads the key.
-- plpgsql for its cached plans (see canonical_phone): the trigger calls it once per answer.
create or replace function private.blind_index(p_value text) returns bytea
language plpgsql stable security definer set search_path = '' as $$
declare
  v text := private.blind_value(p_value);
  digest bytea;
begin
  if v is null then
    return null;
  end if;
  select extensions.hmac(convert_to(v, 'UTF8'), k.key, 'sha256') into digest from private.blind_index_key k;
  return digest;
end;
$$;

revoke execute on function private.blind_index(text) from public, anon;
grant execute on function private.blind_index(text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/blind_value.sql
-- The normalised form of a full ID number or phone number, as the blind index keys it:
-- 'id:' + 18 characters (check character upper-case), 'phone:' + E.164 digits (canonical_phone;
-- a bare 11-digit mobile is +86) or a landline's digits with its leading 0. Spaces, hyphens and
-- full-width characters typed at a counter do not matter. Anything else (a fragment, a name):
-- null, so only a full value can be searched.
-- plpgsql for its cached plans (see canonical_phone): it runs for every answer of every record write.
create or replace function private.blind_value(p_value text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v text := upper(regexp_replace(normalize(coalesce(p_value, ''), nfkc), '[\s()-]', '', 'g'));
  phone text;
begin
  if v ~ '^[0-9]{17}[0-9X]$' then
    return 'id:' || v;
  elsif v ~ '^0[0-9]{9,11}$' then
    return 'phone:' || v;
  end if;
  phone := private.canonical_phone(v);
  return case when phone is not null and length(v) >= 11 then 'phone:' || phone end;
end;
$$;

revoke execute on function private.blind_value(text) from public, anon;
grant execute on function private.blind_value(text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/canonical_phone.sql
-- One phone canonicalisation for what a person types, shared with the SPA's canonicalPhone
-- (src/lib/domain/phone.ts); tests/shared/phone-canonical.json holds the corpus both must agree on.
-- The result is GoTrue's stored form: E.164 digits without "+". A bare 11-digit number starting
-- with 1 is a mainland mobile (+86); any other country needs "+" or "00". NFKC-normalised first,
-- so digits and "+" typed with a Chinese IME in full width (１３８…, ＋８６…) count.
--
-- Never apply it to auth.users.phone: that is already E.164 and "13939257541" stored there is the
-- US number +1 393 925 7541, which this function would read as +86 139 3925 7541.
--
-- plpgsql, not sql: a sql function with `set search_path` is never inlined and is planned again
-- each time the statement calling it runs (once per row inside the blind-index trigger, ≈ 0.1 ms
-- per call, measured seeding records); plpgsql keeps its plans for the session.
create or replace function private.canonical_phone(p_phone text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  d text := regexp_replace(btrim(normalize(p_phone, nfkc)), '[\s()-]', '', 'g');
begin
  d := case when d like '+%' then substr(d, 2)
            when d like '00%' then substr(d, 3)
            when d ~ '^1[0-9]{10}$' then '86' || d
            else d end;
  return case when d ~ '^[1-9][0-9]{6,14}$' then d end;
end;
$$;

comment on function private.canonical_phone(text) is
  'A typed phone number as E.164 digits without "+" (+86 default for 11-digit mobiles), or null. Not for auth.users.phone.';
-- end routine

-- routine: supabase/routines/private/record_unit_field.sql
-- The key of the definition's record-unit field (an org_unit field with `recordUnit: true`):
-- its answer is the record's unit, set on insert and kept for the record's life. Null if none.
-- plpgsql for its cached plan: a sql function with `set search_path` is planned again on every
-- insert trigger that calls it (see canonical_phone).
create or replace function private.record_unit_field(p_definition jsonb) returns text
language plpgsql immutable set search_path = '' as $$
begin
  return (select f ->> 'key' from jsonb_array_elements(p_definition -> 'fields') f where f -> 'recordUnit' = 'true'::jsonb limit 1);
end;
$$;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

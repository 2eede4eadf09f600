-- Landline numbers keep their area code and last 2 digits (0743-*****34), not the last 4
-- (0743-***1234): a 7-digit local number with 4 shown left 3 hidden digits, 800 candidates
-- (local numbers do not start with 0 or 1), below DESIGN §6's 10,000. With 2 shown, 5 are
-- hidden: 80,000. Mobile numbers keep 3 + 4: 4 hidden digits, exactly 10,000.
-- src/field-types/mask.ts (maskPhone) agrees; tests/db/access-masking compares them.

-- (Folded on 2026-11-30: the body of private.mask_phone lives in supabase/routines/private/mask_phone.sql,
-- created in 20261126040000_split_sensitive_record_values.sql.)

-- Re-mask stored landline masks (area code, stars, last 4 → area code, stars, last 2), in
-- records.data and in the history's diffs, with their write guards off for this one rewrite
-- (as in 20261130050500).
create function pg_temp.remask_landline(value jsonb) returns jsonb
language sql immutable as $$
  select case
    when jsonb_typeof(value) = 'string' and (value #>> '{}') ~ '^0[0-9]{2,3}-?[0-9]*\*+[0-9]+$' then
      to_jsonb(substring(value #>> '{}' from '^(0[0-9]{2,3}-?)')
        || repeat('*', char_length(substring(value #>> '{}' from '^0[0-9]{2,3}-?([0-9*]+)$')) - 2)
        || right(value #>> '{}', 2))
    else value end
$$;

create function pg_temp.remask_phones(p_fields jsonb, p_data jsonb, p_pairs boolean) returns jsonb
language sql immutable as $$
  select coalesce(p_data || (
    select jsonb_object_agg(f ->> 'key', case
             when p_pairs and jsonb_typeof(p_data -> (f ->> 'key')) = 'array' then
               jsonb_build_array(pg_temp.remask_landline(p_data -> (f ->> 'key') -> 0), pg_temp.remask_landline(p_data -> (f ->> 'key') -> 1))
             else pg_temp.remask_landline(p_data -> (f ->> 'key')) end)
      from jsonb_array_elements(p_fields) f
     where f ->> 'type' = 'phone' and p_data ? (f ->> 'key') and jsonb_typeof(p_data -> (f ->> 'key')) <> 'null'
  ), p_data)
$$;

alter table public.records disable trigger user;
update public.records r
   set data = pg_temp.remask_phones(v.sensitive_fields, r.data, false)
  from public.service_versions v
 where v.service_id = r.service_id and v.version = r.service_version
   and jsonb_path_exists(v.sensitive_fields, '$[*] ? (@.type == "phone")')
   and r.data is distinct from pg_temp.remask_phones(v.sensitive_fields, r.data, false);
alter table public.records enable trigger user;

alter table public.record_events disable trigger user;
update public.record_events e
   set diff = pg_temp.remask_phones(v.sensitive_fields, e.diff, true)
  from public.records r
  join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
 where r.id = e.record_id and e.diff is not null
   and jsonb_path_exists(v.sensitive_fields, '$[*] ? (@.type == "phone")')
   and e.diff is distinct from pg_temp.remask_phones(v.sensitive_fields, e.diff, true);
alter table public.record_events enable trigger user;

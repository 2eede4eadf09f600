-- Sensitive fields leave the API masked, for everyone (DESIGN §6, domain.md §4): records.data
-- holds the masked answer of every field its service version marks `sensitive`, and the raw
-- answers live in private.record_sensitive_values, which no API role can read. Whoever may see
-- a raw answer asks for it with a reason (public.unmask_record_field, next migrations), and that
-- is logged. Because the API only ever holds masked values, every way of reading records —
-- lists, exports, embedded selects, counts, filters, the record RPCs' results, history diffs —
-- is masked by construction, and filtering on a raw value finds nothing.
--
-- The validation trigger still validates the raw answers, then splits them. On UPDATE an answer
-- sent back exactly as stored (that is, masked) means "keep the raw value", so forms and the
-- seed can round-trip a record they read.

-- Masks: the shapes of src/field-types/mask.ts (tests/db/access-masking compares them on the
-- same samples). One deliberate difference: mask.ts returns input that already contains "*"
-- unchanged, so that masking a displayed value twice is harmless; the database only ever masks
-- raw answers, and a raw answer that happens to contain "*" must not leak, so it is masked too.
-- SQL-standard bodies, as in the validation migration: bound at creation and inlined.

-- routine: supabase/routines/private/mask_generic.sql
-- 吴秀兰 → 吴*兰, 张三 → 张*, 李 → *.
create or replace function private.mask_generic(value text) returns text
language sql immutable
return case
  when char_length(value) <= 1 then repeat('*', char_length(value))
  when char_length(value) = 2 then left(value, 1) || '*'
  else left(value, 1) || repeat('*', char_length(value) - 2) || right(value, 1)
end;
-- end routine

-- routine: supabase/routines/private/mask_middle.sql
-- Keeps the first `head` and last `tail` characters and stars the rest (at least one star).
create or replace function private.mask_middle(value text, head int, tail int) returns text
language sql immutable
return case
  when char_length(value) <= head + tail then private.mask_generic(value)
  else left(value, head) || repeat('*', char_length(value) - head - tail) || right(value, tail)
end;
-- end routine

-- routine: supabase/routines/private/mask_phone.sql
-- 13812345678 → 138****5678; 0743-8221234 → 0743-*****34 (area code kept). At least 10,000
-- numbers fit each mask: a mobile hides 4 free digits, a landline all but the last 2 of its local
-- number. src/field-types/mask.ts (maskPhone) agrees.
create or replace function private.mask_phone(value text) returns text
language sql immutable
return case
  when value ~ '^0[0-9]{2,3}-?[0-9]+$' then
    substring(value from '^(0[0-9]{2,3}-?)[0-9]+$')
    || private.mask_middle(substr(value, char_length(substring(value from '^(0[0-9]{2,3}-?)[0-9]+$')) + 1), 0, 2)
  else private.mask_middle(value, 3, 4)
end;
-- end routine

-- routine: supabase/routines/private/mask_id_number.sql
-- 433101199001010045 → 433**************5 (province and first digit of the city, check character).
create or replace function private.mask_id_number(value text) returns text
language sql immutable
return private.mask_middle(value, 3, 1);

revoke execute on function private.mask_id_number(text) from public, anon;
grant execute on function private.mask_id_number(text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/mask_answer.sql
-- One answer of a sensitive field. Empty answers stay empty (there is nothing to hide and the
-- form needs to know). Text keeps the visible parts mask.ts keeps (ID numbers: mask_id_number).
-- Answers drawn from a short list (choices, yes/no) or not text at all (numbers, lists, files,
-- rows) become "***": a partial mask of an option key would still name the option.
-- (stable, not immutable: to_jsonb is stable, and an immutable function with a stable body is
-- not inlined — it then costs ten times as much on every insert)
create or replace function private.mask_answer(field jsonb, answer jsonb) returns jsonb
language sql stable
return case
  when private.is_empty_answer(answer) then answer
  when jsonb_typeof(answer) <> 'string' or field ->> 'type' in ('select', 'multiselect', 'boolean') then '"***"'::jsonb
  when field ->> 'type' = 'id_number' then to_jsonb(private.mask_id_number(answer #>> '{}'))
  when field ->> 'type' = 'phone' then to_jsonb(private.mask_phone(answer #>> '{}'))
  else to_jsonb(private.mask_generic(answer #>> '{}'))
end;
-- end routine

-- The sensitive fields of each version, computed once at publish (versions never change), so
-- the insert trigger of a service without sensitive fields does no extra work.
alter table public.service_versions
  add column sensitive_fields jsonb not null generated always as (jsonb_path_query_array(definition, '$.fields[*] ? (@.sensitive == true)')) stored;
comment on column public.service_versions.sensitive_fields is 'The definition''s fields marked sensitive: their answers are masked in records.data.';

-- Raw answers of sensitive fields, one row per record that has any. Not in an exposed schema,
-- no grants, RLS without policies: only the security-definer helpers below touch it.
-- The foreign key is deferred because the row is written by the records' BEFORE INSERT
-- trigger, before the record itself exists (so a transaction must not `set constraints …
-- immediate` before inserting records; nothing in the engine does). It cascades so that a
-- record erased by the owner takes its raw answers with it.
create table private.record_sensitive_values (
  record_id uuid primary key references public.records (id) on delete cascade deferrable initially deferred,
  data jsonb not null
);
comment on table private.record_sensitive_values is 'Raw answers of sensitive fields ({field: answer}); records.data holds them masked. Read only through unmask_record_field (logged).';
alter table private.record_sensitive_values enable row level security;
revoke all on private.record_sensitive_values from public, anon, authenticated, service_role;

-- routine: supabase/routines/private/split_sensitive_answers.sql
-- Splits checked data into what records.data stores (masked) and the raw sensitive answers.
-- A loop over the few sensitive fields with operators: no query, it runs on every insert.
create or replace function private.split_sensitive_answers(p_fields jsonb, p_data jsonb, out masked jsonb, out raw jsonb)
language plpgsql stable set search_path = '' as $$
declare
  field jsonb;
  field_key text;
begin
  masked := p_data;
  raw := '{}';
  for i in 0 .. jsonb_array_length(p_fields) - 1 loop
    field := p_fields -> i;
    field_key := field ->> 'key';
    continue when not p_data ? field_key;
    raw := raw || jsonb_build_object(field_key, p_data -> field_key);
    masked := masked || jsonb_build_object(field_key, private.mask_answer(field, p_data -> field_key));
  end loop;
end;
$$;
-- end routine

-- routine: supabase/routines/private/mask_record_data.sql
-- The masked form of raw data (what the trigger will store), for the RPCs' results.
create or replace function private.mask_record_data(p_fields jsonb, p_data jsonb) returns jsonb
language sql stable set search_path = '' as $$
  select (private.split_sensitive_answers(p_fields, p_data)).masked
$$;
-- end routine

-- routine: supabase/routines/private/restore_kept_answers.sql
-- An answer sent back exactly as stored (masked) keeps its raw value; anything else sent is a
-- new raw answer. p_stored_masked / p_stored_raw are the record's current data and raw answers.
create or replace function private.restore_kept_answers(p_fields jsonb, p_sent jsonb, p_stored_masked jsonb, p_stored_raw jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  field_key text;
  restored jsonb := p_sent;
begin
  if jsonb_typeof(p_sent) is distinct from 'object' then
    return p_sent;
  end if;
  for i in 0 .. jsonb_array_length(p_fields) - 1 loop
    field_key := p_fields -> i ->> 'key';
    if p_sent ? field_key and p_stored_raw ? field_key and p_sent -> field_key = p_stored_masked -> field_key then
      restored := restored || jsonb_build_object(field_key, p_stored_raw -> field_key);
    end if;
  end loop;
  return restored;
end;
$$;
-- end routine

-- routine: supabase/routines/private/sensitive_answers_of.sql
-- The record's raw sensitive answers ({} when it has none).
-- security definer: nobody else may read record_sensitive_values. Callers are the engine's own
-- trigger and RPCs, which have already reached the record under the caller's RLS; the private
-- schema is not exposed, so no client can call it with another id.
create or replace function private.sensitive_answers_of(p_record_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce((select s.data from private.record_sensitive_values s where s.record_id = p_record_id), '{}'::jsonb)
$$;
-- end routine

-- routine: supabase/routines/private/record_raw_data.sql
-- The record's data as entered: the masked data with the raw answers put back.
create or replace function private.record_raw_data(p_record public.records) returns jsonb
language sql stable set search_path = '' as $$
  select p_record.data || private.sensitive_answers_of(p_record.id)
$$;
-- end routine

-- routine: supabase/routines/private/store_sensitive_answers.sql
-- Stores the raw sensitive answers of checked data and returns the data to keep in
-- records.data (masked).
-- security definer: only this function writes record_sensitive_values. It runs inside the
-- records triggers; the trigger decides the data (validated) and the record (the row itself).
create or replace function private.store_sensitive_answers(p_is_insert boolean, p_record_id uuid, p_fields jsonb, p_data jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  split record := private.split_sensitive_answers(p_fields, p_data);
begin
  if split.raw = '{}'::jsonb then
    if not p_is_insert then
      delete from private.record_sensitive_values where record_id = p_record_id;
    end if;
  elsif p_is_insert then
    -- An INSERT … ON CONFLICT DO NOTHING naming an existing record's id runs this trigger and
    -- then inserts nothing: it must not get to attach raw answers to somebody else's record.
    if exists (select 1 from public.records r where r.id = p_record_id) then
      raise exception using errcode = 'PT409', message = 'record_exists',
        hint = '记录已存在 / A record with this id already exists';
    end if;
    insert into private.record_sensitive_values (record_id, data) values (p_record_id, split.raw);
  else
    insert into private.record_sensitive_values (record_id, data) values (p_record_id, split.raw)
    on conflict (record_id) do update set data = excluded.data;
  end if;
  return split.masked;
end;
$$;
-- end routine

-- (Folded on 2026-11-30: the body of private.records_validate_data lives in supabase/routines/private/records_validate_data.sql,
-- created in 20261126010200_create_records.sql.)

-- routine: supabase/routines/private/mask_diff.sql
-- A history diff {field: [old, new]} with the sensitive fields' values masked.
create or replace function private.mask_diff(p_fields jsonb, p_diff jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  field jsonb;
  masked jsonb := p_diff;
begin
  for i in 0 .. jsonb_array_length(p_fields) - 1 loop
    field := p_fields -> i;
    continue when not p_diff ? (field ->> 'key');
    masked := masked || jsonb_build_object(field ->> 'key', jsonb_build_array(
      private.mask_answer(field, p_diff -> (field ->> 'key') -> 0), private.mask_answer(field, p_diff -> (field ->> 'key') -> 1)));
  end loop;
  return masked;
end;
$$;
-- end routine

-- Existing installations: split the records and mask the history written before this
-- migration. The data below was validated when it was written and is only being masked, so
-- the guards that would re-validate it or refuse a direct write stand aside for these two
-- statements. (Rewriting record_events is what its immutability otherwise forbids: this is the
-- one-time de-identification of values that should never have been kept there.)
alter table public.records disable trigger records_guard_update;
alter table public.records disable trigger records_validate_data_on_update;
alter table public.record_events disable trigger record_events_immutable;

insert into private.record_sensitive_values (record_id, data)
select r.id, s.raw
  from public.records r
  join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
 cross join lateral private.split_sensitive_answers(v.sensitive_fields, r.data) s
 where v.sensitive_fields <> '[]'::jsonb and s.raw <> '{}'::jsonb;

update public.records r
   set data = private.mask_record_data(v.sensitive_fields, r.data)
  from public.service_versions v
 where v.service_id = r.service_id and v.version = r.service_version
   and v.sensitive_fields <> '[]'::jsonb
   and r.data <> private.mask_record_data(v.sensitive_fields, r.data);

update public.record_events e
   set diff = private.mask_diff(v.sensitive_fields, e.diff)
  from public.records r
  join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
 where r.id = e.record_id and e.diff is not null
   and v.sensitive_fields <> '[]'::jsonb
   and e.diff <> private.mask_diff(v.sensitive_fields, e.diff);

alter table public.records enable trigger records_guard_update;
alter table public.records enable trigger records_validate_data_on_update;
alter table public.record_events enable trigger record_events_immutable;

revoke execute on function private.sensitive_answers_of(uuid), private.record_raw_data(public.records),
  private.store_sensitive_answers(boolean, uuid, jsonb, jsonb) from public, anon;
-- authenticated: the records triggers and the record RPCs run as the signed-in user.
grant execute on function private.sensitive_answers_of(uuid), private.record_raw_data(public.records),
  private.store_sensitive_answers(boolean, uuid, jsonb, jsonb) to authenticated, service_role;

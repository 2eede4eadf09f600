-- Issue 12: records and the resident registry meet.
-- 1. A security gap closed. records.resident_id was accepted from the client without a check,
--    and the registry lets participants of a record linked to a person read that person: anybody
--    who may create some record and knew a person's id could link a record to them and read them
--    (masked). A trigger now refuses (resident_link_forbidden, 403, 中文 / English) a link by a
--    signed-in user to a person outside the registry's own read scope (my_scope_units('read'),
--    not the participant arm), on insert and on any engine write of the column; clients could
--    not PATCH it before and still cannot (records_guard_write).
-- 2. Item 8, migration of existing records: private.link_records_to_residents links every record
--    whose definition maps a name and an ID number to the registry (the fields' prefillFrom,
--    private.resident_link_fields) to the person with that normalised number, registering them
--    from the record's answers when absent (source 'record' + the record's id). Run once below
--    for the records an upgrade finds; the demo seed runs it after generating its records
--    (supabase/seed/50_link_demo_residents.sql). Details: docs/residents.md.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/link_records_to_residents.sql
-- Links records to the person they are about (issue 12, item 8: the registry starts full on an
-- upgrade and on the demo data). For every live record not yet linked (p_record_ids: only
-- those; null: all) whose frozen definition maps a name and an ID number to the registry
-- (resident_link_fields, i.e. the fields' `prefillFrom`), the ID number of its raw answers is
-- normalised (x → X, 15 → 18 digits) and verified; the person holding it is found by its blind
-- index, or registered from the record's answers: name, phone, address and the coded attributes
-- the definition maps (codes not on their national list are left out), living at the mapped
-- `grid` field's unit, else the record-unit field's, else the record's unit — the first that is
-- a grid or community (a record escalated to the street keeps its filing grid in that field).
-- Records are taken newest first, so a person is registered with their latest answers; older
-- records of the same number link to them and change nothing. A found person is never changed.
-- Never two people with one ID: the lookup and the registry's unique digest see the same
-- normalised number. Records with no valid number, no name or no such unit stay unlinked.
-- A person registered here and their 'created' event carry source 'record' and the record's id
-- (app.resident_source / app.resident_source_ref, append_resident_event). The link itself is
-- written in the engine's 'import' mode (records_guard_write lets it through; no other record
-- trigger fires on resident_id alone, so the record's answers, version and dates stay as they
-- are). Running it again finds nothing to do. Returns {linked, created, skipped}.
-- For trusted callers only (the migration that introduced it, the demo seed): not security
-- definer, executable by no API role; it writes as its caller, past any user's scope.
create or replace function private.link_records_to_residents(p_record_ids uuid[] default null) returns jsonb
language plpgsql set search_path = '' as $$
declare
  uuid_pattern constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  write_mode text := coalesce(current_setting('app.record_write', true), '');
  target record;
  answers jsonb;
  raw_id text;
  person_name text;
  person uuid;
  unit uuid;
  candidate text;
  created int := 0;
  linked int := 0;
  skipped int := 0;
begin
  for target in
    with mapped as (
      select v.service_id, v.version, v.definition, private.resident_link_fields(v.definition) as fields
        from public.service_versions v
    )
    select r.id, r.org_unit_id, r.data, r.is_synthetic, m.definition, m.fields
      from mapped m
      join public.records r on r.service_id = m.service_id and r.service_version = m.version
     where m.fields ?& array['name', 'id_number']
       and r.resident_id is null and r.deleted_at is null
       and (p_record_ids is null or r.id = any (p_record_ids))
     order by r.created_at desc, r.id
  loop
    answers := target.data || private.sensitive_answers_of(target.id);
    raw_id := private.normalized_id_number(answers ->> (target.fields ->> 'id_number'));
    if raw_id is null or not private.is_valid_id_number(raw_id, private.local_today()) then
      skipped := skipped + 1;
      continue;
    end if;
    person := (select v.resident_id from private.resident_sensitive_values v where v.id_number_digest = private.blind_index(raw_id));
    if person is null then
      person_name := left(private.tidy_text(answers ->> (target.fields ->> 'name')), 60);
      unit := null;
      foreach candidate in array array[answers ->> (target.fields ->> 'grid'), answers ->> private.record_unit_field(target.definition),
                                       target.org_unit_id::text] loop
        if candidate ~ uuid_pattern then
          unit := (select u.id from public.org_units u where u.id = candidate::uuid and u.level in ('grid', 'community'));
        end if;
        exit when unit is not null;
      end loop;
      if coalesce(person_name, '') = '' or unit is null then
        skipped := skipped + 1;
        continue;
      end if;
      perform set_config('app.resident_source', 'record', true), set_config('app.resident_source_ref', target.id::text, true);
      insert into public.residents (name, id_number, phone, address, ethnicity, political_status, marital_status, grid_org_unit_id, is_synthetic)
      select person_name, raw_id, private.resident_phone(answers ->> (target.fields ->> 'phone')),
             left(nullif(private.tidy_text(answers ->> (target.fields ->> 'address')), ''), 200),
             (select c.code from public.resident_codes c where c.list = 'ethnicity' and c.code = answers ->> (target.fields ->> 'ethnicity')),
             (select c.code from public.resident_codes c
               where c.list = 'political_status' and c.code = answers ->> (target.fields ->> 'political_status')),
             (select c.code from public.resident_codes c where c.list = 'marital_status' and c.code = answers ->> (target.fields ->> 'marital_status')),
             unit, target.is_synthetic
      returning id into person;
      created := created + 1;
    end if;
    perform set_config('app.record_write', 'import', true);
    update public.records set resident_id = person where id = target.id;
    linked := linked + 1;
  end loop;
  perform set_config('app.record_write', write_mode, true), set_config('app.resident_source', '', true),
          set_config('app.resident_source_ref', '', true);
  return jsonb_build_object('linked', linked, 'created', created, 'skipped', skipped);
end;
$$;

revoke execute on function private.link_records_to_residents(uuid[]) from public, anon, authenticated;
grant execute on function private.link_records_to_residents(uuid[]) to service_role;
-- end routine

-- routine: supabase/routines/private/records_check_resident_link.sql
-- BEFORE INSERT OR UPDATE OF resident_id on public.records, when a person is named: a signed-in
-- user may link a record only to a person they read through the registry's own scope rule (an
-- active membership at the person's grid or above whose role reads some service:
-- my_scope_units('read')), never through the participant arm. Without this, anybody who may
-- create some record and knows a person's id could link a record to them and, as its
-- participant, read the person (masked). The refusal is the same for a person outside that
-- scope and for an id that names nobody (the foreign key's message would tell them apart).
-- Updates: clients cannot change records directly (records_guard_write fires first and refuses
-- the PATCH); the check holds the engine's own RPCs to the same rule when they set the link.
-- Writers without a user (migrations, the seed, the service role: auth.uid() is null) are
-- trusted, as in check_registry_scope; private.link_records_to_residents links that way.
-- Not security definer: the person's grid is read past RLS only when the caller bypasses it
-- (a security-definer RPC); under the caller's RLS a person they cannot see is not found.
create or replace function private.records_check_resident_link() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.resident_id is not distinct from old.resident_id then
    return new;
  end if;
  if new.resident_id is not null and (select auth.uid()) is not null
     and not exists (select 1 from public.residents r
                      where r.id = new.resident_id and r.grid_org_unit_id = any (private.my_scope_units('read'))) then
    perform private.raise_record_error('PT403', 'resident_link_forbidden',
      '不能关联此居民：该居民不存在或不在您可查看的网格内 / This record cannot be linked to that resident: '
      || 'no such resident in the grids you may see',
      jsonb_build_object('field', 'resident_id'));
  end if;
  return new;
end;
$$;

revoke execute on function private.records_check_resident_link() from public, anon;
-- end routine

-- routine: supabase/routines/private/resident_link_fields.sql
-- Which field of a service definition holds which registry attribute: {attribute: field key},
-- read from the fields' `prefillFrom` (the definition language's mapping between a form and the
-- registry: name, id_number, phone, address, the codes, grid), the first field per attribute.
-- The same mapping pre-fills a new record from a person (the resident field type) and creates
-- or finds the person from a record's answers (link_records_to_residents): data, not code per
-- service. Top-level fields only (a sub-table's rows are other people).
-- plpgsql for its cached plan (see record_unit_field).
create or replace function private.resident_link_fields(p_definition jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
begin
  return coalesce((select jsonb_object_agg(a.attribute, a.field_key)
                     from (select distinct on (f ->> 'prefillFrom') f ->> 'prefillFrom' as attribute, f ->> 'key' as field_key
                             from jsonb_array_elements(case when jsonb_typeof(p_definition -> 'fields') = 'array' then p_definition -> 'fields' else '[]' end)
                                  with ordinality as t(f, n)
                            where jsonb_typeof(f) = 'object' and jsonb_typeof(f -> 'prefillFrom') = 'string'
                            order by f ->> 'prefillFrom', n) a), '{}'::jsonb);
end;
$$;

revoke execute on function private.resident_link_fields(jsonb) from public, anon;
grant execute on function private.resident_link_fields(jsonb) to authenticated, service_role;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

create trigger records_link_resident
before insert or update of resident_id on public.records
for each row when (new.resident_id is not null)
execute function private.records_check_resident_link();

-- The records an upgrade finds (none on a fresh database: the seed runs after the migrations).
select private.link_records_to_residents();

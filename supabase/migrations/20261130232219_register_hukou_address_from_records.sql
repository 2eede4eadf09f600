-- A person registered from a record's answers (linking existing records, importing records) now
-- takes the 户籍地址 the definition maps (prefillFrom hukou_address, e.g. 流动人口登记) into the
-- registry, as it takes the address and the codes: 20261130221600 added the attribute but not here.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/import_record_resident.sql
-- The person a records-import row is about, for a definition with a `resident` field whose
-- answer the row left empty: found by the ID number the row gives in the field whose prefillFrom
-- is id_number, or registered from the row's answers like link_records_to_residents does (name,
-- phone, address, 户籍地址, the codes the definition maps; living at the mapped grid field's
-- unit, else the record-unit field's, else the row's unit — the first that is a grid or community), with the
-- import as the source of the registration. Returns the person's id when the caller reads them
-- (then the resident field gets it and the insert links the record as the form would: scope
-- check, pre-fill of the raw values, eligibility and duplicate rules), else null and the record
-- stays unlinked: a person the caller may not see, no valid number or name, or a grid where the
-- caller may not register people (p_writable). Never an error of its own: linking is a help, the
-- record's answers are checked by the insert.
-- Not security definer: the person is read and registered as the caller, under their RLS.
create or replace function private.import_record_resident(p_definition jsonb, p_fields jsonb, p_data jsonb, p_org_unit_id uuid, p_writable uuid[])
returns uuid
language plpgsql set search_path = '' as $$
declare
  uuid_pattern constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  raw_id text := private.normalized_id_number(p_data ->> (p_fields ->> 'id_number'));
  person uuid;
  person_name text;
  unit uuid;
  candidate text;
begin
  if raw_id is null or private.id_number_check_char(raw_id) <> right(raw_id, 1) or not private.is_valid_id_number(raw_id, private.local_today()) then
    return null;
  end if;
  person := private.resident_by_id_number(raw_id);
  if person is not null then
    return (select r.id from public.residents r where r.id = person);
  end if;
  person_name := left(private.tidy_text(p_data ->> (p_fields ->> 'name')), 60);
  foreach candidate in array array[p_data ->> (p_fields ->> 'grid'), p_data ->> private.record_unit_field(p_definition), p_org_unit_id::text] loop
    if candidate ~ uuid_pattern then
      unit := (select u.id from public.org_units u where u.id = candidate::uuid and u.level in ('grid', 'community'));
    end if;
    exit when unit is not null;
  end loop;
  if coalesce(person_name, '') = '' or unit is null or not (unit = any (p_writable)) then
    return null;
  end if;
  insert into public.residents (name, id_number, phone, address, hukou_address, ethnicity, political_status, marital_status, grid_org_unit_id)
  select person_name, raw_id, private.resident_phone(p_data ->> (p_fields ->> 'phone')),
         left(nullif(private.tidy_text(p_data ->> (p_fields ->> 'address')), ''), 200),
         left(nullif(private.tidy_text(p_data ->> (p_fields ->> 'hukou_address')), ''), 200),
         (select c.code from public.resident_codes c where c.list = 'ethnicity' and c.code = p_data ->> (p_fields ->> 'ethnicity')),
         (select c.code from public.resident_codes c where c.list = 'political_status' and c.code = p_data ->> (p_fields ->> 'political_status')),
         (select c.code from public.resident_codes c where c.list = 'marital_status' and c.code = p_data ->> (p_fields ->> 'marital_status')),
         unit
  returning id into person;
  return person;
end;
$$;

revoke execute on function private.import_record_resident(jsonb, jsonb, jsonb, uuid, uuid[]) from public, anon;
grant execute on function private.import_record_resident(jsonb, jsonb, jsonb, uuid, uuid[]) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/link_records_to_residents.sql
-- Links records to the person they are about (issue 12, item 8: the registry starts full on an
-- upgrade and on the demo data). For every live record not yet linked (p_record_ids: only
-- those; null: all) whose frozen definition maps a name and an ID number to the registry
-- (resident_link_fields, i.e. the fields' `prefillFrom`), the ID number of its raw answers is
-- normalised (x → X, 15 → 18 digits) and verified; the person holding it is found by its blind
-- index, or registered from the record's answers: name, phone, address, 户籍地址 and the coded attributes
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
      insert into public.residents (name, id_number, phone, address, hukou_address, ethnicity, political_status, marital_status, grid_org_unit_id, is_synthetic)
      select person_name, raw_id, private.resident_phone(answers ->> (target.fields ->> 'phone')),
             left(nullif(private.tidy_text(answers ->> (target.fields ->> 'address')), ''), 200),
             left(nullif(private.tidy_text(answers ->> (target.fields ->> 'hukou_address')), ''), 200),
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

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

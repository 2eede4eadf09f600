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

-- Writes one checked row of a residents import (resident_import_values) as the caller, through
-- the registry's own path: the person holding the number (resident_by_id_number) is updated —
-- only the attributes the row gives, only when one differs, with row_version = read + 1 —, or a
-- person is registered; residents_before_write then applies its scope check, rules, masks and
-- event as for any write, and the event's source is the import (the RPC set
-- app.resident_source). An existing person must be readable and in the caller's writing scope
-- (p_writable: my_scope_units('update')), else registry_write_forbidden on the ID number: an
-- import does not move somebody else's residents into one's own grid. Tags the row names are
-- added from today unless the person holds that kind now or from a later date (source import,
-- source_batch_id: resident_tags_before_write). A row with a household number (户号) puts the
-- person in that household with its relation to the head: the household with that number the
-- caller reads (one in their writing scope first), else one registered at the person's grid and
-- the row's (else the person's) address; a person already in another household moves to it.
-- The household triggers check scope, the relation code and one head per household
-- (household_head_exists). Returns 'created', 'updated' or 'unchanged'.
-- Not security definer: every write is the caller's, under their RLS.
create or replace function private.import_resident_row(p_id_number text, p_values jsonb, p_writable uuid[]) returns text
language plpgsql set search_path = '' as $$
declare
  person public.residents;
  person_id uuid := private.resident_by_id_number(p_id_number);
  outcome text;
  kind_key text;
  today date := private.local_today();
  given_number text := p_values ->> 'household_number';
  household uuid;
  membership public.household_members;
begin
  if person_id is null then
    insert into public.residents (name, id_number, phone, ethnicity, political_status, marital_status, address, grid_org_unit_id,
                                  hukou_region, hukou_address)
    values (p_values ->> 'name', p_id_number, p_values ->> 'phone', p_values ->> 'ethnicity', p_values ->> 'political_status',
            p_values ->> 'marital_status', p_values ->> 'address', (p_values ->> 'grid_org_unit_id')::uuid,
            p_values ->> 'hukou_region', p_values ->> 'hukou_address');
    -- not RETURNING: that would evaluate the residents read policy once more per row
    person_id := private.resident_by_id_number(p_id_number);
    outcome := 'created';
  else
    select * into person from public.residents r where r.id = person_id;
    if person.id is null or not (person.grid_org_unit_id = any (p_writable)) then
      perform private.raise_record_error('PT403', 'registry_write_forbidden',
        '此身份证号的居民登记在您不能修改的网格 / The person with this ID number lives in a grid whose residents you may not change',
        '{"field": "id_number"}');
    end if;
    if (p_values ? 'name' and p_values ->> 'name' <> person.name)
       or (p_values ? 'address' and p_values ->> 'address' is distinct from person.address)
       or (p_values ? 'hukou_address' and p_values ->> 'hukou_address' is distinct from person.hukou_address)
       or (p_values ? 'hukou_region' and p_values ->> 'hukou_region' is distinct from person.hukou_region)
       or (p_values ? 'ethnicity' and p_values ->> 'ethnicity' is distinct from person.ethnicity)
       or (p_values ? 'political_status' and p_values ->> 'political_status' is distinct from person.political_status)
       or (p_values ? 'marital_status' and p_values ->> 'marital_status' is distinct from person.marital_status)
       or (p_values ? 'grid_org_unit_id' and (p_values ->> 'grid_org_unit_id')::uuid <> person.grid_org_unit_id)
       or (p_values ? 'phone' and not private.resident_holds_value(person.id, 'phone', private.resident_phone(p_values ->> 'phone'))) then
      update public.residents r set
        name = coalesce(p_values ->> 'name', r.name),
        phone = coalesce(p_values ->> 'phone', r.phone),
        address = coalesce(p_values ->> 'address', r.address),
        hukou_address = coalesce(p_values ->> 'hukou_address', r.hukou_address),
        hukou_region = coalesce(p_values ->> 'hukou_region', r.hukou_region),
        ethnicity = coalesce(p_values ->> 'ethnicity', r.ethnicity),
        political_status = coalesce(p_values ->> 'political_status', r.political_status),
        marital_status = coalesce(p_values ->> 'marital_status', r.marital_status),
        grid_org_unit_id = coalesce((p_values ->> 'grid_org_unit_id')::uuid, r.grid_org_unit_id),
        row_version = person.row_version + 1
       where r.id = person.id;
      outcome := 'updated';
    else
      outcome := 'unchanged';
    end if;
  end if;
  for kind_key in select jsonb_array_elements_text(coalesce(p_values -> 'tags', '[]')) loop
    continue when exists (select 1 from public.resident_tags t
                           where t.resident_id = person_id and t.tag_key = kind_key and (t.valid_to is null or t.valid_to >= today));
    insert into public.resident_tags (resident_id, tag_key) values (person_id, kind_key);
    outcome := case when outcome = 'unchanged' then 'updated' else outcome end;
  end loop;
  if given_number is not null then
    select h.id into household from public.households h
     where h.household_number = given_number
     order by (h.grid_org_unit_id = any (p_writable)) desc, h.created_at, h.id limit 1;
    if household is null then
      insert into public.households (address, household_number, grid_org_unit_id)
      select coalesce(p_values ->> 'address', r.address), given_number, r.grid_org_unit_id
        from public.residents r where r.id = person_id
      returning id into household;
    end if;
    select * into membership from public.household_members m where m.resident_id = person_id;
    if membership.resident_id is null then
      insert into public.household_members (resident_id, household_id, relation) values (person_id, household, p_values ->> 'relation');
      outcome := case when outcome = 'unchanged' then 'updated' else outcome end;
    elsif membership.household_id <> household or membership.relation <> p_values ->> 'relation' then
      update public.household_members m set household_id = household, relation = p_values ->> 'relation', row_version = membership.row_version + 1
       where m.resident_id = person_id;
      outcome := case when outcome = 'unchanged' then 'updated' else outcome end;
    end if;
  end if;
  return outcome;
end;
$$;

revoke execute on function private.import_resident_row(text, jsonb, uuid[]) from public, anon;
grant execute on function private.import_resident_row(text, jsonb, uuid[]) to authenticated, service_role;

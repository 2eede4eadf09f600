-- BEFORE INSERT OR UPDATE OF data on public.records: the `resident` field's answer (a person's
-- id in the registry) is the record's link, records.resident_id — the answer is what the form
-- holds and the history shows, the column is what the registry's timeline, the participant arm
-- and later rules read; one is set from the other here so they cannot disagree (a definition has
-- at most one resident field: check_derived_fields). Fires before records_link_resident and
-- records_validate_data (trigger names sort so).
-- * The writer must read the person through the registry's scope (my_registry_units()),
--   checked here as records_check_resident_link does (that trigger fires only for statements
--   naming resident_id; an edit changes data): resident_link_forbidden, 403.
-- * On insert, the linked person's values fill the fields whose prefillFrom names them: the raw
--   ID number and phone where the form sent nothing or the person's mask (the browser is shown
--   masks only, and a record's sensitive answers must be the real values: the database keeps
--   them raw and masks them per reader), name and address where the form sent nothing. A value
--   the staff typed stays as typed (a corrected phone; the write-back to the registry is
--   update_resident_from_record's, on request).
--   The person's 户籍地址 (hukou_address) and whether their 户籍 is local (hukou_local:
--   hukou_is_local) fill their fields where the form sent nothing, like name and address.
-- * On insert, the fields marked `reuse` take the person's previous application: the newest
--   record of this service linked to the same person THAT THE WRITER READS (the query below runs
--   under the writer's RLS). The form shows that record's answers, the sensitive ones masked;
--   where it sends back exactly the mask that record holds, the raw answer is put in
--   (restore_kept_answers, as an edit keeps an untouched mask). A writer who reads no previous
--   record gets nothing: the mask stays what they sent (and fails validation, or is kept as
--   typed), never the raw value.
-- * An edit whose answer names the person the record is already linked to keeps the link
--   unchecked: the records the upgrade linked (link_records_to_residents) have the link but an
--   empty answer, the form fills it from the link, and saving it must not depend on the editor
--   reading that person through the registry.
-- * A cleared answer on an edit unlinks. Records without a resident field keep the link they
--   were given (link_records_to_residents). Writers without a user (seed, migrations, the
--   service role) are trusted, as elsewhere in the registry.
-- Not security definer: the person is read under the writer's RLS (a person they cannot see is
-- not found, and the refusal is the same); only the raw values come through resident_raw_values.
create or replace function private.records_link_answer() returns trigger
language plpgsql set search_path = '' as $$
declare
  definition jsonb;
  resident_key text;
  answer text;
  person public.residents;
  mapping jsonb;
  raw jsonb;
  attribute text;
  field_key text;
  current_answer text;
  reused jsonb;
  previous record;
begin
  select v.definition into definition
    from public.service_versions v where v.service_id = new.service_id and v.version = new.service_version;
  select f ->> 'key' into resident_key
    from jsonb_array_elements(coalesce(definition -> 'fields', '[]'::jsonb)) with ordinality as t(f, n)
   where f ->> 'type' = 'resident' order by n limit 1;
  if resident_key is null then
    return new;
  end if;
  if tg_op = 'UPDATE' and new.data -> resident_key is not distinct from old.data -> resident_key then
    return new;
  end if;
  answer := new.data ->> resident_key;
  if answer is null or answer !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    -- empty: no link from the answer (an edit that clears it unlinks); not an id: validation refuses it
    if tg_op = 'UPDATE' and private.is_empty_answer(new.data -> resident_key) then
      new.resident_id := null;
    end if;
    return new;
  end if;
  if tg_op = 'UPDATE' and answer::uuid = old.resident_id then
    -- the answer names the person the record is already linked to (an upgrade linked it without
    -- filling the answer, and the form shows the link): not a new link, nothing to check
    return new;
  end if;
  select * into person from public.residents r where r.id = answer::uuid;
  if (select auth.uid()) is not null
     and (person.id is null or not (person.grid_org_unit_id = any (private.my_registry_units()))) then
    perform private.raise_record_error('PT403', 'resident_link_forbidden',
      '不能关联此居民：该居民不存在或不在您可查看的网格内 / This record cannot be linked to that resident: '
      || 'no such resident in the grids you may see',
      jsonb_build_object('field', resident_key));
  end if;
  new.resident_id := answer::uuid;
  if tg_op = 'INSERT' and person.id is not null then
    mapping := private.resident_link_fields(definition);
    raw := private.resident_raw_values(person.id);
    foreach attribute in array array['id_number', 'phone', 'name', 'address'] loop
      field_key := mapping ->> attribute;
      continue when field_key is null;
      current_answer := case when jsonb_typeof(new.data -> field_key) = 'string' then btrim(new.data ->> field_key) end;
      if coalesce(current_answer, '') = ''
         or (attribute = 'id_number' and current_answer = person.id_number)
         or (attribute = 'phone' and current_answer = person.phone) then
        new.data := case
          when attribute in ('id_number', 'phone') and raw ->> attribute is not null then jsonb_set(new.data, array[field_key], raw -> attribute)
          when attribute = 'name' then jsonb_set(new.data, array[field_key], to_jsonb(person.name))
          when attribute = 'address' and person.address is not null then jsonb_set(new.data, array[field_key], to_jsonb(person.address))
          else new.data end;
      end if;
    end loop;
    foreach attribute in array array['hukou_address', 'hukou_local'] loop
      field_key := mapping ->> attribute;
      continue when field_key is null or not private.is_empty_answer(new.data -> field_key);
      new.data := case
        when attribute = 'hukou_address' and person.hukou_address is not null then jsonb_set(new.data, array[field_key], to_jsonb(person.hukou_address))
        when attribute = 'hukou_local' and private.hukou_is_local(person.hukou_region, person.grid_org_unit_id) is not null
          then jsonb_set(new.data, array[field_key], to_jsonb(private.hukou_is_local(person.hukou_region, person.grid_org_unit_id)))
        else new.data end;
    end loop;
    -- the sensitive fields marked reuse: a mask of the previous application's answer becomes its raw
    -- value; not files: the form reuses those as the writer's own copies, never as the previous
    -- record's references (a mask sent for a file stays a mask, which validation refuses)
    select coalesce(jsonb_agg(f), '[]') into reused
      from jsonb_array_elements(coalesce(definition -> 'fields', '[]'::jsonb)) f
     where f -> 'reuse' = 'true'::jsonb and f -> 'sensitive' = 'true'::jsonb and new.data ? (f ->> 'key')
       and f ->> 'type' not in ('attachment', 'image');
    if reused <> '[]'::jsonb then
      select r.id, r.data into previous
        from public.records r
       where r.service_id = new.service_id and r.resident_id = person.id and r.id <> new.id and r.deleted_at is null
       order by r.created_at desc, r.id desc limit 1;
      if previous.id is not null then
        new.data := private.restore_kept_answers(reused, new.data, previous.data, private.sensitive_answers_of(previous.id));
      end if;
    end if;
  end if;
  return new;
end;
$$;

revoke execute on function private.records_link_answer() from public, anon;

-- Narrow the registry's readers (docs/residents.md, Scope; PIPL minimum necessary). Until now a
-- person was read by any role that reads ANY service at their grid or above
-- (my_scope_units('read')): as seeded a volunteer, who only reads and reports 网格事件, listed
-- every resident of their units with names, masked ID numbers, phones and addresses. Now the
-- read scope is private.my_registry_units(): units where the caller's role reads a service that
-- links people (its current published definition has a `resident` field) or may update records
-- (the writers keep reading what they write); the participant arm is unchanged. The demo's
-- leaders (老年优待 etc.), staff, grid workers and administrators keep reading; volunteers read
-- nobody. Everywhere the registry's read scope was decided: the policies of residents and
-- households (members, tags and events follow them), the residents import mapping's, and the
-- link checks (records_check_resident_link, records_link_answer, find_duplicate_records).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/my_registry_units.sql
-- The units whose people the caller reads through the registry's scope (docs/residents.md, Scope):
-- the subtrees of their active memberships whose role either reads a service that links people —
-- one whose current published definition has a top-level field of type `resident` (the registry
-- serves those services, and reading their records shows the people anyway) — or may update
-- records of some service (the registry's writers keep reading what they write: my_scope_units
-- ('update') stays a subset). Minimum necessary (PIPL): a role that only reads services about
-- things, not people (a volunteer reading 网格事件), reads nobody. The participant arm is the
-- policies' own (my_participated_residents). An archived service keeps its current version and
-- its grants (its records are still read), so it still counts.
-- One array for the policies' `= any ((select …))`: evaluated once per statement (an initplan).
-- plpgsql, not sql: its query plan is cached for the session (PostgREST's pooled connections).
-- security definer: reads memberships, grants and service versions without their policies.
create or replace function private.my_registry_units() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select coalesce(array_agg(distinct unit.id), '{}')
    from public.memberships m
    join public.org_units mine on mine.id = m.org_unit_id
    join public.org_units unit on unit.path = mine.path or unit.path like mine.path || '.%'
   where m.user_id = (select auth.uid()) and m.status = 'active'
     and (exists (select 1 from public.service_role_grants g where g.role_key = m.role_key and g.action = 'update')
          or exists (select 1
                       from public.service_role_grants g
                       join public.services s on s.id = g.service_id
                       join public.service_versions v on v.service_id = s.id and v.version = s.current_version
                      where g.role_key = m.role_key and g.action = 'read'
                        and v.definition -> 'fields' @> '[{"type": "resident"}]')));
end;
$$;

revoke execute on function private.my_registry_units() from public, anon;
grant execute on function private.my_registry_units() to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/records_check_resident_link.sql
-- BEFORE INSERT OR UPDATE OF resident_id on public.records, when a person is named: a signed-in
-- user may link a record only to a person they read through the registry's own scope rule (an
-- active membership at the person's grid or above whose role reads a service that links people
-- or may update records: my_registry_units()), never through the participant arm. Without this,
-- anybody who may create some record and knows a person's id could link a record to them and, as
-- its participant, read the person (masked). The refusal is the same for a person outside that
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
                      where r.id = new.resident_id and r.grid_org_unit_id = any (private.my_registry_units())) then
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

-- routine: supabase/routines/private/records_link_answer.sql
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
-- end routine

-- routine: supabase/routines/public/find_duplicate_records.sql
-- Before filing: the records the definition's `duplicates` rule finds for a person (open, or
-- holding what is applied for; src/data/applicantChecks.ts), for the form to warn or stop:
-- {"action": "refuse" | "warn" | null (the strongest found), "records": [{id, kind, action,
-- status, created_at}] of those the caller reads, "others": how many they cannot read (only
-- counted, never described)}. Data are the answers so far (the `match` fields are compared).
-- The person must be one the caller reads through the registry (as a record's link needs):
-- else resident_link_forbidden (403), so nobody learns what is held for anybody.
-- security invoker: visibility is the caller's RLS; applicant_duplicates counts past it.
create or replace function public.find_duplicate_records(p_service_id uuid, p_resident_id uuid, p_data jsonb default '{}') returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  rule jsonb;
  readable_records jsonb;
  hidden_count int;
  strongest text;
begin
  if not exists (select 1 from public.residents r
                  where r.id = p_resident_id and r.grid_org_unit_id = any (private.my_registry_units())) then
    perform private.raise_record_error('PT403', 'resident_link_forbidden',
      '不能关联此居民：该居民不存在或不在您可查看的网格内 / This record cannot be linked to that resident: '
      || 'no such resident in the grids you may see');
  end if;
  select v.definition -> 'duplicates' into rule
    from public.services s join public.service_versions v on v.service_id = s.id and v.version = s.current_version
   where s.id = p_service_id;
  if jsonb_typeof(rule) is distinct from 'object' then
    return jsonb_build_object('action', null, 'records', '[]'::jsonb, 'others', 0);
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('id', d.record_id, 'kind', d.kind, 'action', d.action, 'status', d.status, 'created_at', d.created_at)
                            order by d.created_at desc) filter (where d.readable), '[]'),
         count(*) filter (where not d.readable),
         case when bool_or(d.action = 'refuse') then 'refuse' when count(*) > 0 then 'warn' end
    into readable_records, hidden_count, strongest
    from (select x.*, exists (select 1 from public.records r where r.id = x.record_id) as readable
            from private.applicant_duplicates(p_service_id, p_resident_id, coalesce(p_data, '{}'), rule) x) d;
  return jsonb_build_object('action', strongest, 'records', readable_records, 'others', hidden_count);
end;
$$;

revoke execute on function public.find_duplicate_records(uuid, uuid, jsonb) from public, anon;
grant execute on function public.find_duplicate_records(uuid, uuid, jsonb) to authenticated, service_role;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

drop policy "Users read residents in scope or of records they took part in" on public.residents;
create policy "Users read residents in scope or of records they took part in"
on public.residents for select to authenticated
using (grid_org_unit_id = any ((select private.my_registry_units())::uuid[])
       or id in (select private.my_participated_residents()));

drop policy "Users change residents they read, within their writing scope" on public.residents;
create policy "Users change residents they read, within their writing scope"
on public.residents for update to authenticated
using (grid_org_unit_id = any ((select private.my_registry_units())::uuid[])
       or id in (select private.my_participated_residents()))
with check (grid_org_unit_id = any ((select private.my_scope_units('update'))::uuid[]));

drop policy "Users reach residents only to be told they are not deleted" on public.residents;
create policy "Users reach residents only to be told they are not deleted"
on public.residents for delete to authenticated
using (grid_org_unit_id = any ((select private.my_registry_units())::uuid[])
       or id in (select private.my_participated_residents()));

drop policy "Users read households in scope or of residents they read" on public.households;
create policy "Users read households in scope or of residents they read"
on public.households for select to authenticated
using (grid_org_unit_id = any ((select private.my_registry_units())::uuid[])
       or exists (select 1 from public.household_members m where m.household_id = households.id));

drop policy "Users change households they read, within their writing scope" on public.households;
create policy "Users change households they read, within their writing scope"
on public.households for update to authenticated
using (grid_org_unit_id = any ((select private.my_registry_units())::uuid[])
       or exists (select 1 from public.household_members m where m.household_id = households.id))
with check (grid_org_unit_id = any ((select private.my_scope_units('update'))::uuid[]));

drop policy "Users reach households only to be told they are not deleted" on public.households;
create policy "Users reach households only to be told they are not deleted"
on public.households for delete to authenticated
using (grid_org_unit_id = any ((select private.my_registry_units())::uuid[])
       or exists (select 1 from public.household_members m where m.household_id = households.id));

-- The residents mapping is read by the registry's readers (as narrowed above).
drop policy "Users read the import mappings of what they read" on public.import_mappings;
create policy "Users read the import mappings of what they read"
on public.import_mappings for select to authenticated
using (case when target = 'residents' then cardinality((select private.my_registry_units())) > 0
            else service_id in (select s.service_id from private.my_record_scope('read') s) end);

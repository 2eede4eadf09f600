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

-- BEFORE INSERT (after records_before_insert has fixed the version): a new record answers its
-- intake fields only; fields staged to transitions come in those transitions' dialogs. Imports
-- (seeded history) carry later answers legitimately and are let through.
create or replace function private.records_check_stage() returns trigger
language plpgsql set search_path = '' as $$
begin
  if private.record_write_mode() = 'import' then
    return new;
  end if;
  perform private.refuse_unreached_stage(
    (select v.definition from public.service_versions v where v.service_id = new.service_id and v.version = new.service_version),
    new.data, '{}');
  return new;
end;
$$;

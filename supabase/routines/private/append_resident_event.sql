-- Writes one registry history entry (public.resident_events): who (the caller), when, what
-- (p_diff {field: [old, new]}, sensitive values as their masks) and where it came from. The
-- source is 'manual' unless the writing transaction said otherwise: the engine's RPCs that
-- write the registry from a record or an import set the transaction-local settings
--   app.resident_source = 'record' | 'import' and app.resident_source_ref = the record's or
--   the import batch's id
-- (set_config(..., true)); PostgREST clients cannot set them.
-- security definer: resident_events has no insert policy, so that clients cannot forge history.
create or replace function private.append_resident_event(p_resident_id uuid, p_household_id uuid, p_kind text, p_diff jsonb, p_tag_id uuid default null) returns void
language plpgsql security definer set search_path = '' as $$
declare
  source text := coalesce(nullif(current_setting('app.resident_source', true), ''), 'manual');
begin
  if source not in ('manual', 'record', 'import') then
    source := 'manual';
  end if;
  insert into public.resident_events (resident_id, household_id, tag_id, kind, diff, source, source_ref, actor)
  values (p_resident_id, p_household_id, p_tag_id, p_kind, p_diff, source,
          case when source <> 'manual' then nullif(current_setting('app.resident_source_ref', true), '')::uuid end,
          (select auth.uid()));
end;
$$;

revoke execute on function private.append_resident_event(uuid, uuid, text, jsonb, uuid) from public, anon;
grant execute on function private.append_resident_event(uuid, uuid, text, jsonb, uuid) to authenticated, service_role;

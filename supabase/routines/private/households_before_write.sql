-- BEFORE INSERT OR UPDATE on public.households: scope (check_registry_scope), optimistic
-- concurrency, system columns, a tidied address required; every change an event.
create or replace function private.households_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  tracked text[] := array['address', 'household_number', 'grid_org_unit_id'];
  diff jsonb;
begin
  perform private.check_registry_scope(new.grid_org_unit_id);
  if tg_op = 'INSERT' then
    new.row_version := 1;
    new.created_at := now();
    new.created_by := (select auth.uid());
  else
    new.row_version := private.next_registry_version(old.row_version, new.row_version);
    new.id := old.id;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
    new.is_synthetic := old.is_synthetic;
  end if;
  new.updated_at := now();
  new.updated_by := (select auth.uid());
  new.address := private.tidy_text(new.address);
  new.household_number := nullif(private.tidy_text(new.household_number), '');
  if coalesce(new.address, '') = '' then
    perform private.raise_record_error('PT400', 'household_address_required', '请填写住址 / Enter the address', '{"field": "address"}');
  elsif char_length(new.address) > 200 then
    perform private.raise_record_error('PT400', 'text_too_long',
      format('地址过长：最多 200 个字，现为 %s 个字 / The address is too long: at most 200 characters, this has %s', char_length(new.address), char_length(new.address)),
      jsonb_build_object('field', 'address', 'maximum', 200, 'length', char_length(new.address)));
  end if;
  diff := private.data_diff(
    case when tg_op = 'INSERT' then '{}'::jsonb else (select jsonb_object_agg(k, to_jsonb(old) -> k) from unnest(tracked) k) end,
    (select jsonb_object_agg(k, to_jsonb(new) -> k) from unnest(tracked) k));
  if tg_op = 'INSERT' or diff <> '{}'::jsonb then
    perform private.append_resident_event(null, new.id, case tg_op when 'INSERT' then 'household_created' else 'household_updated' end, diff);
  end if;
  return new;
end;
$$;

revoke execute on function private.households_before_write() from public, anon;

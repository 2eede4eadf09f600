-- Write-back from a record to the registry (issue 12, item 3): staff corrected a value that was
-- pre-filled from the linked person (a new phone) and ticked 同时更新居民档案. The change goes
-- through the registry's own update path — the residents trigger's scope check, validation,
-- masks and optimistic concurrency (p_row_version = the version read + 1) — and its event
-- carries source 'record' and the record's id (app.resident_source / app.resident_source_ref,
-- transaction-local), which a PostgREST PATCH cannot set.
-- p_changes: {attribute: value} of name, phone, address, ethnicity, political_status,
-- marital_status, hukou_address (the ID number is who the person is: it is corrected in the registry itself).
-- Refusals: record_not_found 404 (not the caller's to read), record_not_linked 400,
-- resident_field_not_writable 400, registry_write_forbidden 403 (a participant or reader who
-- may not write the person), and the registry's own (stale_registry_row 409, phone_invalid …).
-- Returns {resident_id, row_version}.
-- security invoker: the record and the person are read and written under the caller's RLS.
create or replace function public.update_resident_from_record(p_record_id uuid, p_row_version int, p_changes jsonb) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  target_resident uuid;
  bad_key text;
  new_version int;
begin
  select r.resident_id into target_resident from public.records r where r.id = p_record_id and r.deleted_at is null;
  if not found then
    perform private.raise_record_error('PT404', 'record_not_found', '记录不存在或无权访问 / No such record, or not yours to see');
  end if;
  if target_resident is null then
    perform private.raise_record_error('PT400', 'record_not_linked',
      '该记录未关联居民，无法更新居民档案 / This record is not linked to a resident; there is no registry entry to update');
  end if;
  select k into bad_key from jsonb_object_keys(case when jsonb_typeof(p_changes) = 'object' then p_changes else '{"?": null}'::jsonb end) k
   where k not in ('name', 'phone', 'address', 'ethnicity', 'political_status', 'marital_status', 'hukou_address') limit 1;
  if bad_key is not null then
    perform private.raise_record_error('PT400', 'resident_field_not_writable',
      '只能从记录更新居民的姓名、电话、地址、民族、政治面貌、婚姻状况、户籍地址 / A record may update only a resident''s name, phone, address, ethnicity, political status, marital status and hukou address',
      jsonb_build_object('field', bad_key));
  end if;
  perform set_config('app.resident_source', 'record', true);
  perform set_config('app.resident_source_ref', p_record_id::text, true);
  update public.residents r set
    name = case when p_changes ? 'name' then p_changes ->> 'name' else r.name end,
    phone = case when p_changes ? 'phone' then p_changes ->> 'phone' else r.phone end,
    address = case when p_changes ? 'address' then p_changes ->> 'address' else r.address end,
    ethnicity = case when p_changes ? 'ethnicity' then p_changes ->> 'ethnicity' else r.ethnicity end,
    political_status = case when p_changes ? 'political_status' then p_changes ->> 'political_status' else r.political_status end,
    marital_status = case when p_changes ? 'marital_status' then p_changes ->> 'marital_status' else r.marital_status end,
    hukou_address = case when p_changes ? 'hukou_address' then p_changes ->> 'hukou_address' else r.hukou_address end,
    row_version = p_row_version
   where r.id = target_resident
  returning r.row_version into new_version;
  -- the caller reads the person (or took part in the record) but the update policy hid the row
  if new_version is null then
    perform private.raise_record_error('PT403', 'registry_write_forbidden',
      '您不能登记或修改此网格的居民信息 / You may not register or change residents of this grid');
  end if;
  perform set_config('app.resident_source', '', true);
  perform set_config('app.resident_source_ref', '', true);
  return jsonb_build_object('resident_id', target_resident, 'row_version', new_version);
end;
$$;

revoke execute on function public.update_resident_from_record(uuid, int, jsonb) from public, anon;
grant execute on function public.update_resident_from_record(uuid, int, jsonb) to authenticated;

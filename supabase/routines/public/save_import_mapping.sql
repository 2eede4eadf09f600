-- Remembers the import wizard's column mapping for a target: residents (p_service_id null) or a
-- service's records — the next upload of the same kind of sheet starts from it. One mapping per
-- (target, service), replaced by the newest save. Allowed to whoever may write the registry
-- somewhere (residents) or create records of the service somewhere (records): the table's
-- policies; refused import_mapping_forbidden (403). The mapping's shape is the trigger's
-- (import_mappings_before_write: import_mapping_invalid, import_target_invalid).
-- Returns the saved row {target, service_id, mapping, updated_at}.
-- security invoker: the write is the caller's, under the table's RLS.
create or replace function public.save_import_mapping(p_target text, p_service_id uuid, p_mapping jsonb) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  saved public.import_mappings;
begin
  if p_target is null or p_target not in ('residents', 'records') or (p_target = 'residents') <> (p_service_id is null) then
    perform private.raise_record_error('PT400', 'import_target_invalid',
      '居民导入不属于任何服务，记录导入须指明服务 / A residents mapping has no service; a records mapping needs one');
  end if;
  if not (case when p_target = 'residents' then cardinality(private.my_scope_units('update')) > 0
               else exists (select 1 from private.my_record_scope('create') s where s.service_id = p_service_id) end) then
    perform private.raise_record_error('PT403', 'import_mapping_forbidden',
      '您不能保存此导入的列对应关系 / You may not save the column mapping of this import');
  end if;
  insert into public.import_mappings as m (target, service_id, mapping)
  values (p_target, p_service_id, p_mapping)
  on conflict (target, service_id) do update set mapping = excluded.mapping
  returning * into saved;
  return jsonb_build_object('target', saved.target, 'service_id', saved.service_id, 'mapping', saved.mapping, 'updated_at', saved.updated_at);
end;
$$;

revoke execute on function public.save_import_mapping(text, uuid, jsonb) from public, anon;
grant execute on function public.save_import_mapping(text, uuid, jsonb) to authenticated;

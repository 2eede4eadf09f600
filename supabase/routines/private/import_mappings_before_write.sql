-- BEFORE INSERT OR UPDATE on public.import_mappings: a remembered column mapping of the import
-- wizard is {"<sheet header>": "<field key or attribute>"}, strings only, at most 200 entries of
-- at most 200 characters each (import_mapping_invalid, 400); residents have no service, records
-- need one (import_target_invalid). Who wrote it and when are the database's.
create or replace function private.import_mappings_before_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  if (new.target = 'residents') <> (new.service_id is null) then
    perform private.raise_record_error('PT400', 'import_target_invalid',
      '居民导入不属于任何服务，记录导入须指明服务 / A residents mapping has no service; a records mapping needs one');
  end if;
  if jsonb_typeof(new.mapping) is distinct from 'object'
     or (select count(*) from jsonb_each(new.mapping)) > 200
     or exists (select 1 from jsonb_each(new.mapping) e
                 where jsonb_typeof(e.value) <> 'string' or char_length(e.key) > 200 or char_length(e.value #>> '{}') > 200) then
    perform private.raise_record_error('PT400', 'import_mapping_invalid',
      '列对应关系应为“表头 → 字段”的文字对应，最多 200 项、每项最多 200 个字 / A column mapping maps sheet headers to field keys as text: at most 200 entries of at most 200 characters');
  end if;
  if tg_op = 'UPDATE' then
    new.target := old.target;
    new.service_id := old.service_id;
  end if;
  new.updated_by := (select auth.uid());
  new.updated_at := now();
  return new;
end;
$$;

revoke execute on function private.import_mappings_before_write() from public, anon;

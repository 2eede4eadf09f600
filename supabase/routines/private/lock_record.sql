-- The record, locked for this transaction, if the caller can reach it and read the same
-- row_version the change is based on.
create or replace function private.lock_record(p_id uuid, p_row_version int) returns public.records
language plpgsql set search_path = '' as $$
declare
  found_record public.records;
begin
  select * into found_record from public.records where id = p_id for update;
  if found_record.id is null then
    perform private.raise_record_error('PT404', 'record_not_found', '记录不存在或无权访问 / No such record, or not yours to see');
  end if;
  if p_row_version is distinct from found_record.row_version then
    perform private.raise_record_error('PT409', 'stale_record',
      '记录已被他人修改，请刷新后重试 / Someone else changed this record; reload and try again',
      jsonb_build_object('row_version', found_record.row_version));
  end if;
  return found_record;
end;
$$;

-- BEFORE UPDATE / DELETE: only the engine's RPCs change records; nobody deletes them.
create or replace function private.records_guard_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and private.record_write_mode() in ('rpc', 'import') then
    return new;
  end if;
  raise exception using errcode = '42501',
    message = case tg_op when 'UPDATE' then 'records_update_via_rpc' else 'records_delete_via_rpc' end,
    detail = 'update_record, transition_record, assign_record, comment_record, delete_record',
    hint = case tg_op
      when 'UPDATE' then '记录只能通过办理操作修改 / Records change only through their actions (update_record, transition_record …)'
      else '记录不能直接删除，请使用删除操作（保留痕迹） / Records are not deleted directly; use delete_record, which keeps the history' end;
end;
$$;

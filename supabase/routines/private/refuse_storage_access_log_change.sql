create or replace function private.refuse_storage_access_log_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '42501', message = 'storage_access_log_append_only',
    hint = '文件访问日志只能追加，不能修改或删除 / The storage access log is append-only';
end;
$$;

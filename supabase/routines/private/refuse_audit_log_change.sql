create or replace function private.refuse_audit_log_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '42501', message = 'audit_log_append_only',
    hint = '审计日志只能追加，不能修改或删除 / The audit log is append-only';
end;
$$;

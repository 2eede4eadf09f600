create or replace function private.refuse_non_administrator() returns void
language plpgsql stable set search_path = '' as $$
begin
  if cardinality(private.my_admin_unit_paths()) = 0 then
    raise exception using errcode = 'PT403', message = 'audit_forbidden',
      hint = '只有管理员可以查看审计日志 / Only administrators can view the audit log';
  end if;
end;
$$;

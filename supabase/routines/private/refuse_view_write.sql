create or replace function private.refuse_view_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = 'PT405', message = 'view_read_only',
    hint = format('%s 是只读视图，请通过相应的功能修改 / %s is a read-only view; change the underlying data through its own API',
                  tg_table_name, tg_table_name);
end;
$$;

revoke execute on function private.refuse_view_write() from public, anon, authenticated, service_role;

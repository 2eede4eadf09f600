create or replace function private.refuse_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '42501', message = format('%s_immutable', tg_table_name),
    hint = '历史记录不能修改或删除 / History cannot be changed or deleted';
end;
$$;

-- BEFORE DELETE on residents, households and resident_tags: the registry forgets nobody. A
-- person who moved away gets a new grid; a status that ended gets its valid_to; a household
-- without members stays as history. (A person leaves a household by deleting their
-- household_members row, which is logged.) Reached only by rows the caller may write, so others
-- get RLS's "0 rows"; this says why instead of a bare permission error.
create or replace function private.refuse_registry_delete() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = 'PT405', message = format('%s_not_deleted', tg_table_name),
    hint = case tg_table_name
      when 'resident_tags' then '标签不能删除，请填写结束日期 / A tag is not deleted: set its end date (valid_to)'
      else '居民档案不能删除，变更会留下记录 / The registry does not delete entries: change them, and the change is kept' end;
end;
$$;

revoke execute on function private.refuse_registry_delete() from public, anon;

-- One problem of an imported row, in the shape the import wizard shows and puts in its error
-- report: {row, column, code, message_zh, message_en}. The message is the error's bilingual hint
-- ('中文 / English', split at the first ' / '); a hint without an English half serves both.
create or replace function private.import_issue(p_row int, p_column text, p_code text, p_hint text) returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object('row', p_row, 'column', coalesce(p_column, ''), 'code', p_code,
    'message_zh', case when position(' / ' in coalesce(p_hint, '')) > 0 then split_part(p_hint, ' / ', 1) else coalesce(p_hint, p_code) end,
    'message_en', case when position(' / ' in coalesce(p_hint, '')) > 0 then substr(p_hint, position(' / ' in p_hint) + 3) else coalesce(p_hint, p_code) end)
$$;

revoke execute on function private.import_issue(int, text, text, text) from public, anon;
grant execute on function private.import_issue(int, text, text, text) to authenticated, service_role;

-- The shape both import RPCs (import_residents, import_records) take: a list of at most 2,000
-- rows per call, refused whole otherwise (import_rows_invalid CGX02 / import_too_many_rows CGX01,
-- HTTP 400), before anything of the call is looked at.
create or replace function private.check_import_rows(p_rows jsonb) returns void
language plpgsql immutable set search_path = '' as $$
begin
  if jsonb_typeof(p_rows) is distinct from 'array' then
    raise exception using errcode = 'CGX02', message = 'import_rows_invalid',
      hint = '导入的数据应为行的列表 / The rows to import must be a list';
  end if;
  if jsonb_array_length(p_rows) > 2000 then
    raise exception using errcode = 'CGX01', message = 'import_too_many_rows',
      detail = jsonb_build_object('maximum', 2000, 'rows', jsonb_array_length(p_rows))::text,
      hint = format('每次最多导入 2000 行，本次 %s 行，请分批提交 / At most 2,000 rows per call, this one has %s: send them in chunks',
                    jsonb_array_length(p_rows), jsonb_array_length(p_rows));
  end if;
end;
$$;

revoke execute on function private.check_import_rows(jsonb) from public, anon;
grant execute on function private.check_import_rows(jsonb) to authenticated, service_role;

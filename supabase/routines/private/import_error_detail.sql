-- The JSON an error raised by the engine carries in its DETAIL ({field …}, record_invalid's
-- [{field, code, params}]), or null when the detail is empty or plain text (Postgres's own
-- errors). Called from the import RPCs' exception handlers, per failed row only.
create or replace function private.import_error_detail(p_detail text) returns jsonb
language plpgsql immutable set search_path = '' as $$
begin
  if coalesce(p_detail, '') !~ '^\s*[\[{]' then
    return null;
  end if;
  return p_detail::jsonb;
exception when others then
  return null;
end;
$$;

revoke execute on function private.import_error_detail(text) from public, anon;
grant execute on function private.import_error_detail(text) to authenticated, service_role;

create or replace function private.raise_record_error(p_errcode text, p_message text, p_hint text, p_detail jsonb default null) returns void
language plpgsql immutable set search_path = '' as $$
begin
  raise exception using errcode = p_errcode, message = p_message, hint = p_hint, detail = coalesce(p_detail::text, '');
end;
$$;

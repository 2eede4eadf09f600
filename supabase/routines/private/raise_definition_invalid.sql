create or replace function private.raise_definition_invalid(p_errors jsonb) returns void
language plpgsql immutable set search_path = '' as $$
begin
  raise exception using errcode = 'PT400' /* PostgREST → HTTP 400 */, message = 'definition_invalid',
    detail = p_errors::text,
    hint = format('%s：%s / %s: %s', p_errors -> 0 ->> 'path', p_errors -> 0 ->> 'message_zh', p_errors -> 0 ->> 'path', p_errors -> 0 ->> 'message_en');
end;
$$;

-- Raises stage_not_reached (HTTP 400) naming the fields, by label, that are answered before
-- their stage: used by the insert trigger (nothing taken yet) and by update_record (the
-- transitions taken so far, from the record's history).
create or replace function private.refuse_unreached_stage(definition jsonb, data jsonb, taken text[]) returns void
language plpgsql stable set search_path = '' as $$
declare
  unreached text[] := private.unreached_stage_fields(definition -> 'fields', data, taken);
  labels text;
begin
  if cardinality(unreached) = 0 then
    return;
  end if;
  select string_agg(coalesce(f ->> 'label', f ->> 'key'), '、') into labels
    from jsonb_array_elements(definition -> 'fields') f where f ->> 'key' = any (unreached);
  perform private.raise_record_error('PT400', 'stage_not_reached',
    format('这些内容在后续办理环节填写，现在不能填写：%s / These are filled in at a later step, not now: %s', labels, array_to_string(unreached, ', ')),
    jsonb_build_object('code', 'stage_not_reached', 'fields', to_jsonb(unreached)));
end;
$$;

revoke execute on function private.refuse_unreached_stage(jsonb, jsonb, text[]) from public, anon;
grant execute on function private.refuse_unreached_stage(jsonb, jsonb, text[]) to authenticated, service_role;

-- Keys of the answered fields whose stage has not been reached: a field staged to transitions
-- (`"stage": ["complete"]`) is answered in one of their dialogs, so the create form and the
-- edit form may not fill it before one of them was taken (`taken`). src/services/stages.ts
-- (unreachedStageFields) is the browser's side.
create or replace function private.unreached_stage_fields(fields jsonb, data jsonb, taken text[]) returns text[]
language sql immutable set search_path = '' as $$
  select coalesce(array_agg(f ->> 'key' order by n), '{}')
    from jsonb_array_elements(coalesce(fields, '[]')) with ordinality as x(f, n)
   where jsonb_typeof(f -> 'stage') = 'array'
     and not private.is_empty_answer(data -> (f ->> 'key'))
     and not exists (select 1 from jsonb_array_elements_text(f -> 'stage') s(key) where s.key = any (taken))
$$;

revoke execute on function private.unreached_stage_fields(jsonb, jsonb, text[]) from public, anon;
grant execute on function private.unreached_stage_fields(jsonb, jsonb, text[]) to authenticated, service_role;

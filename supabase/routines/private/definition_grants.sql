-- The (role, action) pairs a definition's permissions name.
create or replace function private.definition_grants(p_definition jsonb) returns table (role_key text, action text)
language sql immutable set search_path = '' as $$
  select distinct p.key, a.action
    from jsonb_each(coalesce(p_definition -> 'permissions', '{}')) p
   cross join lateral jsonb_array_elements_text(p.value) a(action)
$$;

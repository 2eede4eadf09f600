-- The key of a service definition's satisfaction field, or null: the first single-choice field
-- whose key names it (satisfaction…) or whose label says 满意度. The cockpit's 满意率 is shown only
-- for services that collect it, so a service without such a field has no satisfaction figure.
create or replace function private.satisfaction_field(p_definition jsonb) returns text
language sql immutable set search_path = '' as $$
  select f ->> 'key'
    from jsonb_array_elements(coalesce(p_definition -> 'fields', '[]'::jsonb)) with ordinality as x(f, n)
   where f ->> 'type' in ('select', 'radio')
     and (f ->> 'key' ilike '%satisf%' or f ->> 'label' like '%满意度%')
   order by n
   limit 1
$$;

revoke execute on function private.satisfaction_field(jsonb) from public, anon;
grant execute on function private.satisfaction_field(jsonb) to authenticated, service_role;

-- What a residents import looks values up in, read once per call (resident_import_values takes it
-- per row): {codes: {list: {code or Chinese label: code}}, tags: {key or Chinese label: {key,
-- derived}}, units: {uuid or unit code as the rows give it: uuid}} — the code lists (GB/T 3304,
-- 4762, 2261.2, 4761), the tag kinds (derived = an age kind, never stored) and the units the rows name.
-- A code wins over a label that happens to spell another code.
create or replace function private.resident_import_lookups(p_rows jsonb) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'codes', (select coalesce(jsonb_object_agg(l.list, l.entries), '{}')
                from (select c.list, jsonb_object_agg(k.spelling, c.code order by k.is_code, c.code) entries
                        from public.resident_codes c
                        cross join lateral (values (c.label_zh, false), (c.code, true)) k(spelling, is_code)
                       where c.list in ('ethnicity', 'political_status', 'marital_status', 'household_relation')
                       group by c.list) l),
    'tags', (select coalesce(jsonb_object_agg(k.spelling, jsonb_build_object('key', t.key, 'derived', t.min_age is not null) order by k.is_key), '{}')
               from public.resident_tag_kinds t
               cross join lateral (values (t.label_zh, false), (t.key, true)) k(spelling, is_key)),
    'units', (select coalesce(jsonb_object_agg(g.given, u.id), '{}')
                from (select distinct private.tidy_text(r -> 'values' ->> 'grid_org_unit_id') as given
                        from jsonb_array_elements(case when jsonb_typeof(p_rows) = 'array' then p_rows else '[]' end) r) g
                join public.org_units u
                  on u.id = case when lower(g.given) ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then lower(g.given)::uuid end
                  or u.code = g.given))
$$;

revoke execute on function private.resident_import_lookups(jsonb) from public, anon;
grant execute on function private.resident_import_lookups(jsonb) to authenticated, service_role;

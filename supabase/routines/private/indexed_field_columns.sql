-- Which fields of a service live, besides in `data`, in one of the typed "index slot" columns of
-- records (idx_text_1‥6, idx_num_1‥2), so that lists filter, count and sort on them through a
-- btree index under RLS (JSON operators are not leakproof, so under RLS no index on `data`
-- serves a filter: STACK.md). Returns the service's map field key → column: the current one
-- kept as it is (a field never moves: records already hold its value there), plus free slots for
-- the new definition's fields, default sort first, then the list's filterable fields in order.
-- Only short, single, non-sensitive values get a slot: select, boolean, date, datetime, org_unit
-- and user answers as text; number and money as numeric. When the slots run out, a field stays
-- in `data` only (correct, slower at scale).
create or replace function private.indexed_field_columns(p_current jsonb, p_definition jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  columns jsonb := coalesce(p_current, '{}'::jsonb);
  candidate text;
  field jsonb;
  kind text;
  free text;
begin
  for candidate in
    select k.key from (
      select p_definition #>> '{list,defaultSort,field}' as key, 0 as rank
      union all
      select f.key, f.ordinality from jsonb_array_elements_text(coalesce(p_definition #> '{list,filterable}', '[]')) with ordinality f(key, ordinality)
    ) k where k.key is not null group by k.key order by min(k.rank)
  loop
    continue when columns ? candidate;
    select f into field from jsonb_array_elements(p_definition -> 'fields') f where f ->> 'key' = candidate;
    continue when field is null or coalesce((field ->> 'sensitive')::boolean, false) or coalesce((field ->> 'multiple')::boolean, false);
    kind := case
      when field ->> 'type' in ('select', 'boolean', 'date', 'datetime', 'org_unit', 'user') then 'text'
      when field ->> 'type' in ('number', 'money') then 'num'
    end;
    continue when kind is null;
    select c into free
      from generate_series(1, case kind when 'text' then 6 else 2 end) i, lateral (select format('idx_%s_%s', kind, i) as c) n
     where not exists (select 1 from jsonb_each_text(columns) e where e.value = n.c)
     order by i limit 1;
    continue when free is null;
    columns := columns || jsonb_build_object(candidate, free);
  end loop;
  return columns;
end;
$$;

comment on function private.indexed_field_columns(jsonb, jsonb) is 'A service''s map field key → typed index column of records (idx_text_N / idx_num_N), extended for a new definition; existing entries never move.';

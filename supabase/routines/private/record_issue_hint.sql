-- The hint of a record_invalid error: the first problem, named by the field's labels.
create or replace function private.record_issue_hint(definition jsonb, issue jsonb) returns text
language sql immutable set search_path = '' as $$
  with f as (
    select coalesce(f ->> 'label', issue ->> 'field') as zh, coalesce(f ->> 'label_en', f ->> 'key', issue ->> 'field') as en
      from (select 1) one
      left join jsonb_array_elements(definition -> 'fields') f on f ->> 'key' = substring(issue ->> 'field' from '^[^\[]*')
  ), m as (select private.validation_message(issue ->> 'code', issue -> 'params') as text)
  select case when (issue ->> 'field') = '' then m.text
    else f.zh || coalesce(substring(issue ->> 'field' from '\[.*$'), '') || '：' || split_part(m.text, ' / ', 1)
         || ' / ' || f.en || coalesce(substring(issue ->> 'field' from '\[.*$'), '') || ': ' || split_part(m.text, ' / ', 2) end
    from f, m
$$;

-- Does a satisfaction answer count as satisfied: its option's label says 满意 and not 不满意
-- (满意, 基本满意, 非常满意), the default 满意率 numerator of 12345 reports. Null when unanswered.
create or replace function private.is_satisfied_answer(p_definition jsonb, p_field text, p_answer text) returns boolean
language sql immutable set search_path = '' as $$
  select case
           when p_field is null or p_answer is null or p_answer = '' then null
           else coalesce((select o ->> 'label' like '%满意%' and o ->> 'label' not like '%不满意%'
                            from jsonb_array_elements(p_definition -> 'fields') f
                           cross join lateral jsonb_array_elements(coalesce(f -> 'options', '[]'::jsonb)) o
                           where f ->> 'key' = p_field and o ->> 'value' = p_answer
                           limit 1), false)
         end
$$;

revoke execute on function private.is_satisfied_answer(jsonb, text, text) from public, anon;
grant execute on function private.is_satisfied_answer(jsonb, text, text) to authenticated, service_role;

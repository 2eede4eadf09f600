-- What an eligibility condition reads about a person on a day (src/services/eligibilityIssues.ts
-- applicantFacts): {"age": full years from the registry's birth date (null before birth),
-- "tags": the keys of the tags current that day, valid_from ≤ day ≤ valid_to, open end included}.
-- security definer: the birth date is private (resident_birth_date), and the tags are read for
-- the person a record is being linked to, whom records_check_resident_link already admitted.
create or replace function private.resident_facts(p_resident_id uuid, p_on date) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'age', (select extract(year from age(p_on, b.birth_date))::int
              from (select private.resident_birth_date(p_resident_id) as birth_date) b
             where b.birth_date <= p_on),
    'tags', coalesce((select jsonb_agg(distinct t.tag_key)
                        from public.resident_tags t
                       where t.resident_id = p_resident_id and t.valid_from <= p_on
                         and (t.valid_to is null or t.valid_to >= p_on)), '[]'))
$$;

revoke execute on function private.resident_facts(uuid, date) from public, anon;
grant execute on function private.resident_facts(uuid, date) to authenticated, service_role;

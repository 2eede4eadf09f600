-- The keys of the kinds of resident tag that are sensitive personal information (PIPL Art. 28:
-- 特定身份, 医疗健康, 救助 status, minors — resident_tag_kinds.sensitive: 低保, 特困人员, 残疾人,
-- 退役军人, 留守儿童 as shipped). The policies on resident_tags and resident_events show a tag of
-- such a kind only to a reader whose role holds view_sensitive at the person's grid or above;
-- resident_facts leaves them out for anyone else and names them as hidden.
-- security definer, stable: read once per query as an initplan inside those policies, without
-- evaluating the kinds table's own policy per row.
create or replace function private.sensitive_tag_keys() returns text[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(k.key order by k.sort_order), '{}') from public.resident_tag_kinds k where k.sensitive
$$;

revoke execute on function private.sensitive_tag_keys() from public, anon;
grant execute on function private.sensitive_tag_keys() to authenticated, service_role;

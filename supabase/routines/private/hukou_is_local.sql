-- Whether a person's 户籍 (hukou_region) lies in the county where the registry says they live
-- (the grid's unit code begins with its county's 6-digit GB/T 2260 code): the 本地户籍 of the
-- templates' hukou_local (老年优待证 from the county civil affairs bureau, 残疾人证 from the county
-- 残联: the county is the level that decides). Null when it cannot be told: no hukou_region, or
-- one known only to the prefecture or province (a 6-digit code ending in 00), or a unit without
-- a code. The form computes the same (src/views/form/residentPrefill.ts, hukouLocal).
-- security definer: a unit's code is no secret, and the grid of a person the caller reads may
-- lie in a unit row their org_units policy does not show (a participant's person).
create or replace function private.hukou_is_local(p_hukou_region text, p_grid_org_unit_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select case when p_hukou_region ~ '^[1-9][0-9]{3}(0[1-9]|[1-9][0-9])' and u.code ~ '^[0-9]{6}'
              then left(p_hukou_region, 6) = left(u.code, 6) end
    from public.org_units u where u.id = p_grid_org_unit_id
$$;

revoke execute on function private.hukou_is_local(text, uuid) from public, anon;
grant execute on function private.hukou_is_local(text, uuid) to authenticated, service_role;

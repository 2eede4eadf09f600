-- What is wrong with an official code for a new unit of `p_level` under a parent coded
-- `p_parent_code`, or null. The codes nest (domain.md §3): a street's 9 digits are its county's
-- 6 (GB/T 2260) plus 3 (GB/T 10114), a community's 12 its street's 9 plus 3 (统计用区划代码),
-- a grid's 15 its community's 12 plus a 3-digit sequence; a county's 6 share the prefecture's
-- first 4. The added digits are a sequence and never all zeros. The SPA's twin is
-- src/contract/orgUnitCodes.ts (orgUnitCodeIssue): same rules, same codes.
--   org_unit_code_format   not digits, or not the level's length
--   org_unit_code_prefix   does not begin with the parent's code
--   org_unit_code_sequence the added digits are all zeros
create or replace function private.org_unit_code_issue(p_code text, p_level text, p_parent_code text) returns text
language sql immutable set search_path = '' as $$
  with shape as (
    select case p_level when 'county' then 6 when 'street' then 9 when 'community' then 12 when 'grid' then 15 end as total,
           case p_level when 'county' then 4 when 'street' then 6 when 'community' then 9 when 'grid' then 12 end as prefix
  )
  select case
           when s.total is null or p_code is null or p_code !~ '^[0-9]+$' or length(p_code) <> s.total then 'org_unit_code_format'
           when p_parent_code is null or left(p_code, s.prefix) <> left(p_parent_code, s.prefix) then 'org_unit_code_prefix'
           when substr(p_code, s.prefix + 1) ~ '^0+$' then 'org_unit_code_sequence'
         end
    from shape s
$$;

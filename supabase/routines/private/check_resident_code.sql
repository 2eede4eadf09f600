-- Refuses a code that is not on its national code list (public.resident_codes): ethnicity
-- GB/T 3304, political status GB/T 4762, marital status GB/T 2261.2, relation to the household
-- head GB/T 4761. Null (not stated) passes. The hint names the list in both languages.
create or replace function private.check_resident_code(p_list text, p_code text) returns void
language plpgsql stable set search_path = '' as $$
begin
  if p_code is not null and not exists (select 1 from public.resident_codes c where c.list = p_list and c.code = p_code) then
    perform private.raise_record_error('PT400', 'resident_code_invalid',
      format('“%s”不是有效的%s代码 / "%s" is not a valid %s code', p_code,
        case p_list when 'ethnicity' then '民族（GB/T 3304）' when 'political_status' then '政治面貌（GB/T 4762）'
             when 'marital_status' then '婚姻状况（GB/T 2261.2）' when 'household_relation' then '与户主关系（GB/T 4761）' else p_list end,
        p_code,
        case p_list when 'ethnicity' then 'ethnicity (GB/T 3304)' when 'political_status' then 'political status (GB/T 4762)'
             when 'marital_status' then 'marital status (GB/T 2261.2)' when 'household_relation' then 'relation to the head (GB/T 4761)' else p_list end),
      jsonb_build_object('field', p_list, 'code', p_code));
  end if;
end;
$$;

revoke execute on function private.check_resident_code(text, text) from public, anon;
grant execute on function private.check_resident_code(text, text) to authenticated, service_role;

-- The stored form of a resident's typed phone, or null when it is no phone: a landline as typed
-- without spaces (0743-8221234, area code kept, is_valid_phone 'landline'), a mainland mobile as
-- its 11 digits (canonical_phone: +86, 0086, full-width digits and hyphens accepted), any other
-- country as + and its E.164 digits. The blind index (blind_value) keys all three forms the way
-- search_residents_by_value and search_records_by_value normalise what is typed.
create or replace function private.resident_phone(p_phone text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v text := regexp_replace(btrim(normalize(coalesce(p_phone, ''), nfkc)), '\s', '', 'g');
  e164 text;
begin
  if v like '0%' and v not like '00%' then
    return case when private.is_valid_phone(v, 'landline') then v end;
  end if;
  e164 := private.canonical_phone(v);
  if e164 like '86%' then
    return case when private.is_valid_phone(substr(e164, 3), 'mobile') then substr(e164, 3) end;
  end if;
  return case when e164 is not null then '+' || e164 end;
end;
$$;

revoke execute on function private.resident_phone(text) from public, anon;
grant execute on function private.resident_phone(text) to authenticated, service_role;

-- The normalised form of a full ID number or phone number, as the blind index keys it:
-- 'id:' + 18 characters (check character upper-case), 'phone:' + E.164 digits (canonical_phone;
-- a bare 11-digit mobile is +86) or a landline's digits with its leading 0. Spaces, hyphens and
-- full-width characters typed at a counter do not matter. Anything else (a fragment, a name):
-- null, so only a full value can be searched.
-- plpgsql for its cached plans (see canonical_phone): it runs for every answer of every record write.
create or replace function private.blind_value(p_value text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v text := upper(regexp_replace(normalize(coalesce(p_value, ''), nfkc), '[\s()-]', '', 'g'));
  phone text;
begin
  if v ~ '^[0-9]{17}[0-9X]$' then
    return 'id:' || v;
  elsif v ~ '^0[0-9]{9,11}$' then
    return 'phone:' || v;
  end if;
  phone := private.canonical_phone(v);
  return case when phone is not null and length(v) >= 11 then 'phone:' || phone end;
end;
$$;

revoke execute on function private.blind_value(text) from public, anon;
grant execute on function private.blind_value(text) to authenticated, service_role;

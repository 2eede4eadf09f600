-- The 18-character form of a typed ID number (GB 11643), or null when it has neither shape:
-- spaces, hyphens and full-width characters dropped (NFKC), a lower-case x made X, and a legacy
-- 15-digit number (GB 11643-1989: no century, no check character) upgraded by inserting "19"
-- before its 2-digit year and computing the check character. Whether the result is a valid
-- number (check character, birth date) is is_valid_id_number's question, not this one's.
-- plpgsql for its cached plans (see canonical_phone): the registry trigger runs it per row.
create or replace function private.normalized_id_number(p_value text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v text := upper(regexp_replace(normalize(coalesce(p_value, ''), nfkc), '[\s-]', '', 'g'));
begin
  if v ~ '^[0-9]{15}$' then
    v := left(v, 6) || '19' || substr(v, 7);
    return v || private.id_number_check_char(v);
  elsif v ~ '^[0-9]{17}[0-9X]$' then
    return v;
  end if;
  return null;
end;
$$;

revoke execute on function private.normalized_id_number(text) from public, anon;
grant execute on function private.normalized_id_number(text) to authenticated, service_role;

-- The blind index of a value: HMAC-SHA256 of its normalised form (blind_value) under the
-- installation's secret key (private.blind_index_key, readable by no API role). Equal values
-- give equal digests, so a full ID number or phone can be found without storing or comparing
-- it in clear, and without the key nobody can test guesses against the digests. Null for a
-- value that is not a full ID number or phone.
-- security definer: reads the key.
-- plpgsql for its cached plans (see canonical_phone): the trigger calls it once per answer.
create or replace function private.blind_index(p_value text) returns bytea
language plpgsql stable security definer set search_path = '' as $$
declare
  v text := private.blind_value(p_value);
  digest bytea;
begin
  if v is null then
    return null;
  end if;
  select extensions.hmac(convert_to(v, 'UTF8'), k.key, 'sha256') into digest from private.blind_index_key k;
  return digest;
end;
$$;

revoke execute on function private.blind_index(text) from public, anon;
grant execute on function private.blind_index(text) to authenticated, service_role;

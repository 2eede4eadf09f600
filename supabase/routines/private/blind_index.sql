-- The blind index of a value: HMAC-SHA256 of its normalised form (blind_value) under the
-- installation's secret key (private.blind_index_key, readable by no API role). Equal values
-- give equal digests, so a full ID number or phone can be found without storing or comparing
-- it in clear, and without the key nobody can test guesses against the digests. Null for a
-- value that is not a full ID number or phone.
-- security definer: reads the key.
create or replace function private.blind_index(p_value text) returns bytea
language sql stable security definer set search_path = '' as $$
  select extensions.hmac(convert_to(b.v, 'UTF8'), k.key, 'sha256')
    from (select private.blind_value(p_value) as v) b, private.blind_index_key k
   where b.v is not null
$$;

revoke execute on function private.blind_index(text) from public, anon;
grant execute on function private.blind_index(text) to authenticated, service_role;

-- The registered person holding this ID number (already normalised to 18 characters:
-- normalized_id_number), found by its blind index, or null: the import's upsert key. The id is
-- returned whether or not the caller may read the person; the import then reads them under the
-- caller's RLS and refuses the row (registry_write_forbidden) when they are not the caller's to
-- change — no more than registering the number would reveal (resident_exists).
-- security definer: the digests are readable by no API role.
create or replace function private.resident_by_id_number(p_id_number text) returns uuid
language sql stable security definer set search_path = '' as $$
  select v.resident_id from private.resident_sensitive_values v where v.id_number_digest = private.blind_index(p_id_number)
$$;

revoke execute on function private.resident_by_id_number(text) from public, anon;
grant execute on function private.resident_by_id_number(text) to authenticated, service_role;

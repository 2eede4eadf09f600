-- A resident's birth date (from their ID number), kept with the raw number: the registry shows
-- only the birth year, because a full birth date beside the masked number would leave too few
-- candidates for it (DESIGN §6: at least 10,000). For the database's own age rules (eligibility,
-- age tags), never returned to a client as is.
-- security definer: the private table is readable by no API role.
create or replace function private.resident_birth_date(p_resident_id uuid) returns date
language sql stable security definer set search_path = '' as $$
  select v.birth_date from private.resident_sensitive_values v where v.resident_id = p_resident_id
$$;

revoke execute on function private.resident_birth_date(uuid) from public, anon;
grant execute on function private.resident_birth_date(uuid) to authenticated, service_role;

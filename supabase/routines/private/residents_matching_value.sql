-- The residents whose ID number or phone has this blind index (private.blind_index), and which
-- of the two matched. The caller (search_residents_by_value) keeps those it may see and unmask.
-- security definer: the digests are readable by no API role.
create or replace function private.residents_matching_value(p_digest bytea) returns table (resident_id uuid, field text)
language sql stable security definer set search_path = '' as $$
  select v.resident_id, 'id_number' from private.resident_sensitive_values v where v.id_number_digest = p_digest
  union all
  select v.resident_id, 'phone' from private.resident_sensitive_values v where v.phone_digest = p_digest
$$;

revoke execute on function private.residents_matching_value(bytea) from public, anon;
grant execute on function private.residents_matching_value(bytea) to authenticated, service_role;

-- Whether a resident's stored ID number or phone is already this (normalised) value: an update
-- that sends the full number the person already has (the resident field type writing back what
-- a record holds) changes nothing and leaves no event.
-- security definer: the raw values are readable by no API role; only the residents trigger
-- asks, about the row it is updating.
create or replace function private.resident_holds_value(p_resident_id uuid, p_field text, p_value text) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((select case p_field when 'id_number' then v.id_number = p_value when 'phone' then v.phone is not distinct from p_value end
                     from private.resident_sensitive_values v where v.resident_id = p_resident_id), false)
$$;

revoke execute on function private.resident_holds_value(uuid, text, text) from public, anon;
grant execute on function private.resident_holds_value(uuid, text, text) to authenticated, service_role;

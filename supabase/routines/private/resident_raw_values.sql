-- The raw ID number and phone of a registered person, for the resident field's pre-fill: a
-- record linked to the person gets them in its sensitive answers (records_link_answer) where
-- the form sent nothing or the mask it was shown, since the browser only ever holds the masks.
-- Never returned to a client: called only from that trigger, after the writer's right to link
-- the person was checked there.
-- security definer: the private table is readable by no API role.
create or replace function private.resident_raw_values(p_resident_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('id_number', v.id_number, 'phone', v.phone)
    from private.resident_sensitive_values v where v.resident_id = p_resident_id
$$;

revoke execute on function private.resident_raw_values(uuid) from public, anon;
grant execute on function private.resident_raw_values(uuid) to authenticated, service_role;

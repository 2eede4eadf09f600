-- Writes the log entry of a granted unmask, then returns the raw value (JSON string, or JSON
-- null when the person has none): id_number, phone or birth_date.
-- security definer: the raw values are readable by nobody; unmask_resident_field has checked
-- the caller (reads the person, holds view_sensitive over their grid, gave a reason) first.
create or replace function private.log_and_read_resident_value(p_resident_id uuid, p_field text, p_reason text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform private.log_resident_access('unmask', p_resident_id, p_field, p_reason, null);
  return coalesce((select case p_field when 'id_number' then to_jsonb(v.id_number) when 'phone' then to_jsonb(v.phone)
                                       when 'birth_date' then to_jsonb(v.birth_date) end
                     from private.resident_sensitive_values v where v.resident_id = p_resident_id), 'null'::jsonb);
end;
$$;

revoke execute on function private.log_and_read_resident_value(uuid, text, text) from public, anon;
grant execute on function private.log_and_read_resident_value(uuid, text, text) to authenticated, service_role;

-- Writes the row as the RPC computed it. The flag lets the guard trigger through for this
-- statement only; validation still runs when data changes.
-- security definer: the RPC has already locked the row under the caller's RLS and checked the
-- action; the new row may legitimately leave the caller's sight (an escalation moves it to
-- the parent unit), which an UPDATE under the caller's SELECT policy would refuse.
create or replace function private.save_record(p_record public.records) returns void
language plpgsql security definer set search_path = '' as $$
begin
  perform set_config('app.record_write', 'rpc', true);
  update public.records
     set org_unit_id = p_record.org_unit_id,
         status = p_record.status,
         assignee = p_record.assignee,
         due_at = p_record.due_at,
         data = p_record.data,
         row_version = p_record.row_version,
         updated_at = p_record.updated_at,
         updated_by = p_record.updated_by,
         deleted_at = p_record.deleted_at,
         deleted_by = p_record.deleted_by
   where id = p_record.id;
  perform set_config('app.record_write', '', true);
end;
$$;

revoke execute on function private.save_record(public.records) from public, anon;
grant execute on function private.save_record(public.records) to authenticated, service_role;

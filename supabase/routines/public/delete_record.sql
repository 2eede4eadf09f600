-- Soft delete for roles granted `delete`: the record leaves every list, its history stays.
-- The reason is required, at most 500 characters.
create or replace function public.delete_record(p_id uuid, p_row_version int, p_reason text) returns public.records
language plpgsql security invoker set search_path = '' as $$
declare
  target public.records := private.lock_record(p_id, p_row_version);
  reason text;
begin
  if not private.may_act_on('delete', target.service_id, target.org_unit_id) then
    perform private.raise_record_error('PT403', 'delete_forbidden', '您的角色不能删除此记录 / Your role cannot delete this record');
  end if;
  reason := private.free_text(p_reason, 500, '删除原因', 'reason for deleting');
  if reason is null then
    perform private.raise_record_error('PT400', 'reason_required', '请填写删除原因 / Give a reason for deleting');
  end if;
  target.deleted_at := now();
  target.deleted_by := (select auth.uid());
  target.row_version := target.row_version + 1;
  target.updated_at := target.deleted_at;
  target.updated_by := target.deleted_by;
  perform private.save_record(target);
  perform private.append_record_event(target, 'deleted', target.status, target.status, p_comment => reason);
  return target;
end;
$$;

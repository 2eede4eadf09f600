-- Sets or clears who handles the record (lists filter on it), for roles granted `update`.
create or replace function public.assign_record(p_id uuid, p_row_version int, p_assignee uuid) returns public.records
language plpgsql security invoker set search_path = '' as $$
declare
  target public.records := private.lock_record(p_id, p_row_version);
  previous uuid := target.assignee;
begin
  if not private.may_act_on('update', target.service_id, target.org_unit_id) then
    perform private.raise_record_error('PT403', 'update_forbidden', '您的角色不能修改此记录 / Your role cannot edit this record');
  end if;
  if p_assignee is not null and not private.works_on_unit_branch(p_assignee, target.org_unit_id) then
    perform private.raise_record_error('PT400', 'assignee_out_of_scope',
      '只能指派给本单位及上下级单位的人员 / Assign only to people working on this unit''s branch');
  end if;
  if previous is not distinct from p_assignee then
    return target;
  end if;
  target.assignee := p_assignee;
  target.row_version := target.row_version + 1;
  target.updated_at := now();
  target.updated_by := (select auth.uid());
  perform private.save_record(target);
  perform private.append_record_event(target, 'updated', p_diff => jsonb_build_object('assignee', jsonb_build_array(previous, p_assignee)));
  return target;
end;
$$;

-- Edits the record's answers (full replacement of data), for roles granted `update`. A field
-- staged to transitions may change only after one of them was taken (stage_not_reached).
create or replace function public.update_record(p_id uuid, p_row_version int, p_data jsonb) returns public.records
language plpgsql security invoker set search_path = '' as $$
declare
  target public.records := private.lock_record(p_id, p_row_version);
  definition jsonb := private.record_definition(target);
  sensitive jsonb := private.record_sensitive_fields(target);
  old_raw jsonb;
  new_raw jsonb;
  diff jsonb;
begin
  if not private.may_act_on('update', target.service_id, target.org_unit_id) then
    perform private.raise_record_error('PT403', 'update_forbidden', '您的角色不能修改此记录 / Your role cannot edit this record');
  end if;
  if private.is_terminal_status(definition, target.status) then
    perform private.raise_record_error('PT409', 'record_closed', '记录已办结，不能再修改 / The record is closed and cannot be edited',
      jsonb_build_object('status', target.status));
  end if;
  -- staged fields change only once a transition of their stage was taken (unchanged answers,
  -- masked ones included, pass as they were)
  perform private.refuse_unreached_stage(definition,
    coalesce((select jsonb_object_agg(d.key, d.value) from jsonb_each(case when jsonb_typeof(p_data) = 'object' then p_data else '{}' end) d
               where d.value is distinct from target.data -> d.key), '{}'),
    array(select e.transition_key from public.record_events e where e.record_id = target.id and e.kind = 'transition'));
  old_raw := private.record_raw_data(target);
  new_raw := private.checked_record_data(definition, private.restore_kept_answers(sensitive, p_data, target.data, old_raw));
  diff := private.record_change_diff(sensitive, old_raw, new_raw, target.data, p_data);
  if diff = '{}'::jsonb then
    return target;
  end if;
  target.data := new_raw; -- the trigger validates it and keeps the sensitive answers aside
  target.row_version := target.row_version + 1;
  target.updated_at := now();
  target.updated_by := (select auth.uid());
  perform private.save_record(target);
  perform private.append_record_event(target, 'updated', p_diff => diff);
  target.data := private.mask_record_data(sensitive, new_raw);
  return target;
end;
$$;

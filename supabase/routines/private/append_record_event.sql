-- Writes one history entry. security definer: record_events has no insert policy, so that
-- clients cannot forge history; only the engine's triggers and RPCs call this.
create or replace function private.append_record_event(
  p_record public.records,
  p_kind text,
  p_from_status text default null,
  p_to_status text default null,
  p_transition_key text default null,
  p_comment text default null,
  p_diff jsonb default null,
  p_checklist jsonb default null,
  p_actor uuid default null,
  p_at timestamptz default null
) returns public.record_events
language plpgsql security definer set search_path = '' as $$
declare
  event public.record_events;
begin
  insert into public.record_events (record_id, service_id, org_unit_id, kind, from_status, to_status,
                                    transition_key, comment, diff, checklist, actor, created_at)
  values (p_record.id, p_record.service_id, p_record.org_unit_id, p_kind, p_from_status, p_to_status,
          p_transition_key, p_comment, p_diff, p_checklist, coalesce(p_actor, (select auth.uid())), coalesce(p_at, now()))
  returning * into event;
  return event;
end;
$$;

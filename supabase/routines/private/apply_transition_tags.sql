-- Writes a transition's outcomes to the registry (issue 12, item 4): for a record linked to a
-- person (records.resident_id), each {tag, action, when?} of the transition's `tags` whose `when`
-- (a rule condition) holds on the record's answers after the transition (always, without one):
--   set: a resident_tags row valid from today (China time), unless the person holds the tag now
--        or from a later day (then nothing: a repeated or re-taken transition is not an error);
--   end: valid_to = today on the period current today (nothing if there is none).
-- Through the registry's own triggers, with app.resident_source = 'record' and the record's id,
-- so the tag's source is the record (source_record_id) and the event (tag_added / tag_changed)
-- names the record and the actor (auth.uid(): the user who took the transition).
-- A record linked to nobody: nothing is written.
-- security definer, on purpose: the person's grid may lie outside the actor's registry writing
-- scope — a record escalated to the street and approved there by street staff, a grid worker
-- handing over a card to a person registered in the neighbouring grid. The outcome is part of the
-- workflow that transition_record just authorised (the transition exists, leaves the state, the
-- caller's role may take it, its guard holds), so the permitted transition is the authority, as
-- private.save_record writes the record past the caller's own policies. Callers: transition_record
-- only, after it has checked all of that and saved the record.
create or replace function private.apply_transition_tags(p_record public.records, p_tags jsonb) returns void
language plpgsql security definer set search_path = '' as $$
declare
  item jsonb;
  today date := private.local_today();
  period public.resident_tags;
begin
  if p_record.resident_id is null or jsonb_typeof(p_tags) is distinct from 'array' or jsonb_array_length(p_tags) = 0 then
    return;
  end if;
  perform set_config('app.resident_source', 'record', true);
  perform set_config('app.resident_source_ref', p_record.id::text, true);
  for item in select g from jsonb_array_elements(p_tags) g loop
    -- a conditional write (社会救助 sets 低保 only for assistance_type 低保), on the answers as saved
    continue when jsonb_typeof(item -> 'when') = 'object' and not private.condition_holds(item -> 'when', p_record.data, today);
    if item ->> 'action' = 'set' then
      if not exists (select 1 from public.resident_tags t
                      where t.resident_id = p_record.resident_id and t.tag_key = item ->> 'tag'
                        and (t.valid_to is null or t.valid_to >= today)) then
        insert into public.resident_tags (resident_id, tag_key, valid_from, note)
        values (p_record.resident_id, item ->> 'tag', today, coalesce(item ->> 'note', ''));
      end if;
    elsif item ->> 'action' = 'end' then
      select t.* into period from public.resident_tags t
       where t.resident_id = p_record.resident_id and t.tag_key = item ->> 'tag'
         and t.valid_from <= today and (t.valid_to is null or t.valid_to > today)
       for update;
      if found then
        update public.resident_tags t set valid_to = today, row_version = period.row_version + 1 where t.id = period.id;
      end if;
    end if;
  end loop;
  perform set_config('app.resident_source', '', true);
  perform set_config('app.resident_source_ref', '', true);
end;
$$;

revoke execute on function private.apply_transition_tags(public.records, jsonb) from public, anon;
grant execute on function private.apply_transition_tags(public.records, jsonb) to authenticated, service_role;

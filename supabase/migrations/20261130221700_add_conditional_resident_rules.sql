-- Conditions on the answers (`when`, the language of rules[]) for outcomes written to the
-- registry and for duplicate applications (issue 12, items 4 and 6). 社会救助's 街道审核确认 is
-- shared by 低保 and 临时救助: a tag write's `when` lets it set 低保 only for a 低保 application
-- (private.apply_transition_tags), and duplicates.open / held may depend on the new application's
-- answers ({action, when?, otherwise?}: private.applicant_duplicate_action), so a second open 低保
-- is refused while 临时救助 (granted again for another hardship) is only warned. The definition
-- check accepts them on fields that exist and are not sensitive (private.check_rule_condition,
-- private.check_duplicate_action). Existing definitions keep their meaning: no `when` = always.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/applicant_duplicate_action.sql
-- What a duplicate of one kind gets (src/services/applicantSchema.ts, duplicates.open / held):
-- an action as written ("warn" | "refuse"), or {action, when?, otherwise?} — `action` when the
-- condition holds on the new application's answers (always without one), else `otherwise`
-- (null: not checked). 社会救助: a second open 低保 refused, a 临时救助 only warned.
create or replace function private.applicant_duplicate_action(p_entry jsonb, p_data jsonb) returns text
language sql stable set search_path = '' as $$
  select case jsonb_typeof(p_entry)
    when 'string' then p_entry #>> '{}'
    when 'object' then
      case when jsonb_typeof(p_entry -> 'when') is distinct from 'object'
                or private.condition_holds(p_entry -> 'when', coalesce(p_data, '{}'), private.local_today())
           then p_entry ->> 'action' else p_entry ->> 'otherwise' end
  end
$$;

revoke execute on function private.applicant_duplicate_action(jsonb, jsonb) from public, anon;
grant execute on function private.applicant_duplicate_action(jsonb, jsonb) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/applicant_duplicates.sql
-- The records of a service already held for a person that the definition's `duplicates` rule
-- names (src/services/applicantSchema.ts duplicatesSchema): same service, same resident, not
-- deleted, equal answers to every `match` field; kind 'open' (not in a terminal state of its own
-- version) when `open` is set, kind 'held' (in one of `held.states`) when `held` is set, each
-- with its action (warn | refuse; private.applicant_duplicate_action: it may depend on the new answers
-- `p_data`, and a kind whose condition fails without `otherwise` is not looked for). Newest
-- first; `p_except` leaves out the record being written.
-- security definer: a refusal must see records the caller cannot read, to say that one exists;
-- callers reveal only the ids the user reads (records_validate_eligibility, find_duplicate_records).
create or replace function private.applicant_duplicates(p_service_id uuid, p_resident_id uuid, p_data jsonb, p_rule jsonb, p_except uuid default null)
returns table (record_id uuid, kind text, action text, status text, created_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select d.id, d.kind, d.action, d.status, d.created_at
    from (
      select r.id, r.status, r.created_at,
             case when not private.is_terminal_status(v.definition, r.status) then 'open'
                  when p_rule #> '{held,states}' ? r.status then 'held' end as kind,
             case when not private.is_terminal_status(v.definition, r.status) then open_action.action
                  when p_rule #> '{held,states}' ? r.status then held_action.action end as action
        from public.records r
        join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
        -- decided once, on the new application's answers (an action may depend on them: `when`)
        cross join (select private.applicant_duplicate_action(p_rule -> 'open', p_data) as action) open_action
        cross join (select private.applicant_duplicate_action(p_rule -> 'held', p_data) as action) held_action
       where r.service_id = p_service_id and r.resident_id = p_resident_id and r.deleted_at is null
         and r.id is distinct from p_except
         and not exists (select 1 from jsonb_array_elements_text(case when jsonb_typeof(p_rule -> 'match') = 'array' then p_rule -> 'match' else '[]' end) m(key)
                          where r.data -> m.key is distinct from p_data -> m.key)
    ) d
   where d.action in ('warn', 'refuse')
   order by d.created_at desc, d.id
$$;

revoke execute on function private.applicant_duplicates(uuid, uuid, jsonb, jsonb, uuid) from public, anon;
grant execute on function private.applicant_duplicates(uuid, uuid, jsonb, jsonb, uuid) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/apply_transition_tags.sql
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
-- end routine

-- routine: supabase/routines/private/check_applicant_rules.sql
-- The definition's eligibility[] and duplicates, as src/services/applicantSchema.ts and
-- crossCheckApplicant.ts accept them: rules with a require condition and a message, person
-- leaves {resident: age (eq … lte, a number) | tags (eq, neq: a tag; in, nin: a list of tags)}
-- whose tags name kinds of public.resident_tag_kinds (the one check the browser cannot make),
-- answer leaves on fields that exist; duplicates.match on fields that exist, open / held.action
-- warn | refuse (open also {action, when?, otherwise?}, held with when? / otherwise?:
-- private.check_duplicate_action), held.states terminal states. Called by private.check_service_definition.
create or replace function private.check_applicant_rules(def jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  rule jsonb;
  leaf jsonb;
  i int;
  at text;
  ref text;
  field_keys text[];
  terminal_keys text[];
  tag_values text[];
begin
  select coalesce(array_agg(f ->> 'key'), '{}') into field_keys
    from jsonb_array_elements(case when jsonb_typeof(def -> 'fields') = 'array' then def -> 'fields' else '[]' end) f;
  if def ? 'eligibility' and jsonb_typeof(def -> 'eligibility') <> 'array' then
    errors := errors || private.wrong_type('eligibility', 'array');
  else
    for rule, i in select r, (n - 1)::int from jsonb_array_elements(coalesce(def -> 'eligibility', '[]')) with ordinality as t(r, n) loop
      at := format('eligibility[%s]', i);
      if jsonb_typeof(rule) <> 'object' or jsonb_typeof(rule -> 'require') <> 'object' then
        errors := errors || private.definition_error(at || '.require', 'required');
        continue;
      end if;
      if jsonb_typeof(rule -> 'message') is distinct from 'string' or private.is_empty_answer(rule -> 'message') then
        errors := errors || private.definition_error(at || '.message', 'required');
      end if;
      if exists (select 1 from jsonb_path_query(rule, 'lax $.**.op') o
                  where o #>> '{}' is null or o #>> '{}' not in ('eq', 'neq', 'in', 'nin', 'empty', 'not_empty', 'gt', 'gte', 'lt', 'lte')) then
        errors := errors || private.definition_error(at || '.require', 'invalid_value',
          '{"values": "eq | neq | in | nin | empty | not_empty | gt | gte | lt | lte"}');
      end if;
      for leaf in select l from jsonb_path_query(rule -> 'require', 'strict $.** ? (exists (@.resident))') l loop
        if leaf ->> 'resident' = 'age' then
          if coalesce(leaf ->> 'op', '') not in ('eq', 'neq', 'gt', 'gte', 'lt', 'lte') or jsonb_typeof(leaf -> 'value') is distinct from 'number' then
            errors := errors || private.definition_error(at || '.require', 'invalid_value', '{"values": "age: eq | neq | gt | gte | lt | lte, a number"}');
          end if;
        elsif leaf ->> 'resident' = 'tags' then
          tag_values := case
            when leaf ->> 'op' in ('eq', 'neq') and jsonb_typeof(leaf -> 'value') = 'string' then array[leaf ->> 'value']
            when leaf ->> 'op' in ('in', 'nin') and jsonb_typeof(leaf -> 'value') = 'array'
             and jsonb_array_length(case when jsonb_typeof(leaf -> 'value') = 'array' then leaf -> 'value' else '[]' end) > 0
             and not exists (select 1 from jsonb_array_elements(case when jsonb_typeof(leaf -> 'value') = 'array' then leaf -> 'value' else '[]' end) v
                              where jsonb_typeof(v) <> 'string')
              then array(select jsonb_array_elements_text(case when jsonb_typeof(leaf -> 'value') = 'array' then leaf -> 'value' else '[]' end)) end;
          if tag_values is null then
            errors := errors || private.definition_error(at || '.require', 'invalid_value', '{"values": "tags: eq | neq a tag, in | nin a list of tags"}');
          else
            foreach ref in array tag_values loop
              if not exists (select 1 from public.resident_tag_kinds k where k.key = ref) then
                errors := errors || private.definition_error(at || '.require', 'invalid_value',
                  jsonb_build_object('values', (select string_agg(k.key, ' | ' order by k.sort_order) from public.resident_tag_kinds k)));
              end if;
            end loop;
          end if;
        else
          errors := errors || private.definition_error(at || '.require', 'invalid_value', '{"values": "age | tags"}');
        end if;
      end loop;
      foreach ref in array private.condition_field_keys(rule -> 'when')
                           || array(select l ->> 'field' from jsonb_path_query(rule -> 'require', 'strict $.** ? (exists (@.field))') l)
                           || array(select l ->> 'valueFrom' from jsonb_path_query(rule -> 'require', 'strict $.** ? (exists (@.valueFrom))') l)
                           || case when rule ? 'field' then array[rule ->> 'field'] else '{}' end loop
        if not coalesce(ref, '') = any (field_keys) then
          errors := errors || private.definition_error(at, 'unknown_field_ref', jsonb_build_object('field', coalesce(ref, '')));
        end if;
      end loop;
    end loop;
  end if;

  if def ? 'duplicates' then
    if jsonb_typeof(def -> 'duplicates') <> 'object' then
      return errors || private.wrong_type('duplicates', 'object');
    end if;
    for ref, i in select m, (n - 1)::int from jsonb_array_elements_text(
        case when jsonb_typeof(def #> '{duplicates,match}') = 'array' then def #> '{duplicates,match}' else '[]' end) with ordinality as t(m, n) loop
      if not ref = any (field_keys) then
        errors := errors || private.definition_error(format('duplicates.match[%s]', i), 'unknown_field_ref', jsonb_build_object('field', ref));
      end if;
    end loop;
    if jsonb_typeof(def #> '{duplicates,open}') = 'object' then
      errors := errors || private.check_duplicate_action(def, 'open', array['action', 'when', 'otherwise']);
    elsif def -> 'duplicates' ? 'open' and def #>> '{duplicates,open}' is distinct from 'warn' and def #>> '{duplicates,open}' is distinct from 'refuse' then
      errors := errors || private.definition_error('duplicates.open', 'invalid_value', '{"values": "warn | refuse"}');
    end if;
    if def -> 'duplicates' ? 'held' then
      errors := errors || private.check_duplicate_action(def, 'held', array['states', 'action', 'when', 'otherwise']);
      select coalesce(array_agg(s ->> 'key'), '{}') into terminal_keys
        from jsonb_array_elements(case when jsonb_typeof(def #> '{workflow,states}') = 'array' then def #> '{workflow,states}' else '[]' end) s
       where s -> 'terminal' = 'true'::jsonb;
      if jsonb_typeof(def #> '{duplicates,held,states}') is distinct from 'array' or jsonb_array_length(def #> '{duplicates,held,states}') = 0 then
        errors := errors || private.definition_error('duplicates.held.states', 'too_few', '{"minimum": 1}');
      else
        for ref, i in select s, (n - 1)::int from jsonb_array_elements_text(def #> '{duplicates,held,states}') with ordinality as t(s, n) loop
          if not ref = any (terminal_keys) then
            errors := errors || private.definition_error(format('duplicates.held.states[%s]', i), 'invalid_value',
              jsonb_build_object('values', array_to_string(terminal_keys, ' | ')));
          end if;
        end loop;
      end if;
    end if;
  end if;
  return errors;
end;
$$;
-- end routine

-- routine: supabase/routines/private/check_duplicate_action.sql
-- The definition check of duplicates.open written as an object, or of duplicates.held
-- (src/services/applicantSchema.ts): only the keys `p_keys`, `action` warn | refuse, `otherwise`
-- warn | refuse when given, `when` a condition on non-sensitive answers (private.check_rule_condition).
-- Called by private.check_applicant_rules.
create or replace function private.check_duplicate_action(def jsonb, p_kind text, p_keys text[]) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  entry jsonb := def -> 'duplicates' -> p_kind;
  at text := 'duplicates.' || p_kind;
  errors jsonb := '[]';
  unknown text;
begin
  if jsonb_typeof(entry) is distinct from 'object' then
    return private.wrong_type(at, 'object');
  end if;
  select k into unknown from jsonb_object_keys(entry) k where not k = any (p_keys) limit 1;
  if unknown is not null then
    errors := errors || private.definition_error(at, 'unknown_property', jsonb_build_object('key', unknown));
  end if;
  if coalesce(entry ->> 'action', '') not in ('warn', 'refuse') then
    errors := errors || private.definition_error(at || '.action', 'invalid_value', '{"values": "warn | refuse"}');
  end if;
  if entry ? 'otherwise' and coalesce(entry ->> 'otherwise', '') not in ('warn', 'refuse') then
    errors := errors || private.definition_error(at || '.otherwise', 'invalid_value', '{"values": "warn | refuse"}');
  end if;
  if entry ? 'when' then
    errors := errors || private.check_rule_condition(def, entry -> 'when', at || '.when', 'duplicates');
  end if;
  return errors;
end;
$$;

revoke execute on function private.check_duplicate_action(jsonb, text, text[]) from public, anon;
grant execute on function private.check_duplicate_action(jsonb, text, text[]) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/check_rule_condition.sql
-- The definition check's part for a condition on the answers that decides an outcome written
-- elsewhere (a transition's tag write, duplicates.open / held), as src/services/crossCheckTagWrites.ts
-- and crossCheckApplicant.ts check it: an object, operators of rules[], fields that exist and
-- are not sensitive (the stored answer of a sensitive field is its mask, and an outcome decided
-- by it would reveal the masked value, as a transition guard would). `p_controlled` names what
-- the condition decides in the message (the tag, duplicates).
create or replace function private.check_rule_condition(def jsonb, p_condition jsonb, p_at text, p_controlled text) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  ref text;
  field jsonb;
begin
  if jsonb_typeof(p_condition) is distinct from 'object' then
    return private.wrong_type(p_at, 'object');
  end if;
  if exists (select 1 from jsonb_path_query(p_condition, 'lax $.**.op') o
              where o #>> '{}' is null or o #>> '{}' not in ('eq', 'neq', 'in', 'nin', 'empty', 'not_empty', 'gt', 'gte', 'lt', 'lte')) then
    errors := errors || private.definition_error(p_at, 'invalid_value', '{"values": "eq | neq | in | nin | empty | not_empty | gt | gte | lt | lte"}');
  end if;
  foreach ref in array (select coalesce(array_agg(distinct k), '{}') from unnest(private.condition_field_keys(p_condition)) k) loop
    select f into field from jsonb_array_elements(case when jsonb_typeof(def -> 'fields') = 'array' then def -> 'fields' else '[]' end) f
     where jsonb_typeof(f) = 'object' and f ->> 'key' = ref;
    if field is null then
      errors := errors || private.definition_error(p_at, 'unknown_field_ref', jsonb_build_object('field', coalesce(ref, '')));
    elsif field -> 'sensitive' = 'true'::jsonb then
      errors := errors || private.definition_error(p_at, 'sensitive_controls_field',
        jsonb_build_object('field', ref, 'controlled', p_controlled, 'condition', 'when'));
    end if;
  end loop;
  return errors;
end;
$$;

revoke execute on function private.check_rule_condition(jsonb, jsonb, text, text) from public, anon;
grant execute on function private.check_rule_condition(jsonb, jsonb, text, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/check_transition_tags.sql
-- The definition check's part for outcomes written to the registry (issue 12, item 4), as
-- src/services/workflowSchema.ts (tagWriteSchema) and crossCheckTagWrites.ts check them: a
-- transition's `tags` is a list of {tag, action: set | end, note?, when?} (when: a condition on
-- non-sensitive answers, private.check_rule_condition); it needs a `resident` field
-- (the person the tags are written to); a tag appears once per transition; it names a kind of
-- public.resident_tag_kinds — the one check the browser cannot make, reported like eligibility's
-- (invalid_value listing the kinds) — that is not derived from the birth date (min_age: 60岁以上,
-- 80岁以上 are computed, never stored). Called by check_service_definition once fields and
-- transitions are arrays.
create or replace function private.check_transition_tags(def jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  transition jsonb;
  item jsonb;
  i int;
  j int;
  at text;
  seen text[];
  links_person boolean := exists (select 1 from jsonb_array_elements(def -> 'fields') f where jsonb_typeof(f) = 'object' and f ->> 'type' = 'resident');
  kinds text := (select string_agg(k.key, ' | ' order by k.sort_order) from public.resident_tag_kinds k where k.min_age is null);
begin
  for transition, i in select t, (n - 1)::int from jsonb_array_elements(def #> '{workflow,transitions}') with ordinality as x(t, n) loop
    continue when jsonb_typeof(transition) <> 'object' or not transition ? 'tags';
    at := format('workflow.transitions[%s].tags', i);
    if jsonb_typeof(transition -> 'tags') <> 'array' then
      errors := errors || private.wrong_type(at, 'array');
      continue;
    end if;
    continue when jsonb_array_length(transition -> 'tags') = 0;
    if not links_person then
      errors := errors || private.definition_error(at, 'tags_need_resident_field');
      continue;
    end if;
    seen := '{}';
    for item, j in select g, (n - 1)::int from jsonb_array_elements(transition -> 'tags') with ordinality as x(g, n) loop
      if jsonb_typeof(item) <> 'object' then
        errors := errors || private.wrong_type(format('%s[%s]', at, j), 'object');
        continue;
      end if;
      if exists (select 1 from jsonb_object_keys(item) k where k not in ('tag', 'action', 'note', 'when')) then
        errors := errors || private.definition_error(format('%s[%s]', at, j), 'unknown_property',
          jsonb_build_object('key', (select k from jsonb_object_keys(item) k where k not in ('tag', 'action', 'note', 'when') limit 1)));
      end if;
      if item ? 'when' then
        errors := errors || private.check_rule_condition(def, item -> 'when', format('%s[%s].when', at, j), coalesce(item ->> 'tag', ''));
      end if;
      if coalesce(item ->> 'action', '') not in ('set', 'end') then
        errors := errors || private.definition_error(format('%s[%s].action', at, j), 'invalid_value', '{"values": "set | end"}');
      end if;
      if item ? 'note' and (jsonb_typeof(item -> 'note') <> 'string' or char_length(item ->> 'note') > 200) then
        errors := errors || private.definition_error(format('%s[%s].note', at, j), 'wrong_type',
          '{"expected": "a text of at most 200 characters", "expected_zh": "不超过 200 字的文本"}');
      end if;
      if jsonb_typeof(item -> 'tag') is distinct from 'string' then
        errors := errors || private.definition_error(format('%s[%s].tag', at, j), 'required');
      elsif exists (select 1 from public.resident_tag_kinds k where k.key = item ->> 'tag' and k.min_age is not null) then
        errors := errors || private.definition_error(format('%s[%s].tag', at, j), 'tag_derived', jsonb_build_object('tag', item ->> 'tag'));
      elsif not exists (select 1 from public.resident_tag_kinds k where k.key = item ->> 'tag') then
        errors := errors || private.definition_error(format('%s[%s].tag', at, j), 'invalid_value', jsonb_build_object('values', kinds));
      elsif item ->> 'tag' = any (seen) then
        errors := errors || private.definition_error(format('%s[%s].tag', at, j), 'duplicate_key', jsonb_build_object('key', item ->> 'tag'));
      end if;
      seen := seen || (item ->> 'tag');
    end loop;
  end loop;
  return errors;
end;
$$;

revoke execute on function private.check_transition_tags(jsonb) from public, anon;
grant execute on function private.check_transition_tags(jsonb) to authenticated, service_role;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

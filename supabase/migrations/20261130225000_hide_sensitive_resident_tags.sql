-- Sensitive resident tags (issue 12, item 1; PIPL Art. 28; DESIGN §6): 低保, 特困人员, 残疾人,
-- 退役军人 and 留守儿童 say something about a person's 救助 status, health, specific identity or
-- a minor, yet every reader of the person saw them — a leader could list who in the city is on
-- 低保. resident_tag_kinds.sensitive marks such kinds; a tag of one (and its history) is now read
-- only by a reader whose role holds view_sensitive at the person's grid or above, the rule that
-- lets them unmask the person's ID number. The list's tag column and tag filter, export_residents
-- and the person's page follow through the table's policies; resident_facts leaves such tags out
-- for others and says which kinds it hides; the database's eligibility check still reads every
-- tag. An API user writes a sensitive tag only where they could read it (tag_sensitive_forbidden).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.
alter table public.resident_tag_kinds add column sensitive boolean not null default false;
comment on column public.resident_tag_kinds.sensitive is 'Sensitive personal information (PIPL Art. 28): a tag of this kind and its history are read only by a reader of the person whose role holds view_sensitive at their grid or above (docs/residents.md, Sensitive tags).';
-- 低保 and 特困 (救助 status), 残疾人 (health), 退役军人 (specific identity), 留守儿童 (a minor)
update public.resident_tag_kinds set sensitive = true where key in ('veteran', 'disabled', 'dibao', 'tekun', 'left_behind_child');

-- routine: supabase/routines/private/resident_tags_before_write.sql
-- BEFORE INSERT OR UPDATE on public.resident_tags: a status of a person (退役军人, 低保 …) held
-- from valid_from (default: today in China) to valid_to (inclusive; null = open). The person
-- must be in the caller's writing scope; kinds derived from the birth date (60岁以上, 80岁以上:
-- resident_tag_kinds.min_age) are computed, never stored; periods of one kind for one person
-- do not overlap (a tag is ended by setting valid_to, renewed by a new row). The source is the
-- writing transaction's (append_resident_event: manual, or a record / an import batch the
-- engine names). Every change is an event of the person (tag_added / tag_changed).
-- A tag of a sensitive kind (resident_tag_kinds.sensitive: 低保, 残疾人 …) is written by an API
-- user only where their role holds view_sensitive over the person's grid (tag_sensitive_forbidden,
-- 403, otherwise): they could not read it back, and the overlap check below reads under their RLS,
-- which hides such tags from them. A transition's outcome (private.apply_transition_tags,
-- security definer) is the workflow's write and not held to it.
create or replace function private.resident_tags_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  source text := coalesce(nullif(current_setting('app.resident_source', true), ''), 'manual');
  source_ref uuid := nullif(current_setting('app.resident_source_ref', true), '')::uuid;
  tracked text[] := array['tag_key', 'valid_from', 'valid_to', 'note'];
  resident_unit uuid;
  diff jsonb;
begin
  -- the person as the caller sees them (RLS): one they cannot see is not found
  resident_unit := (select r.grid_org_unit_id from public.residents r where r.id = new.resident_id);
  if resident_unit is null then
    perform private.raise_record_error('PT404', 'registry_row_not_found',
      '居民或户不存在或无权访问 / No such resident or household, or not yours to see');
  end if;
  perform private.check_registry_scope(resident_unit);
  if current_user in ('authenticated', 'anon') and new.tag_key = any (private.sensitive_tag_keys())
     and not (resident_unit = any (private.my_scope_units('view_sensitive'))) then
    perform private.raise_record_error('PT403', 'tag_sensitive_forbidden',
      '低保、残疾人等敏感标签只能由有权查看敏感信息的角色登记 / Sensitive tags (低保, disability …) may only be written by a role that may view sensitive information',
      jsonb_build_object('tag_key', new.tag_key));
  end if;
  if tg_op = 'INSERT' then
    if exists (select 1 from public.resident_tag_kinds k where k.key = new.tag_key and k.min_age is not null) then
      perform private.raise_record_error('PT400', 'resident_tag_derived',
        '年龄类标签由出生日期自动得出，不能手工添加 / Age tags follow from the birth date and are not added by hand',
        jsonb_build_object('tag_key', new.tag_key));
    end if;
    new.row_version := 1;
    new.created_at := now();
    new.created_by := (select auth.uid());
    new.source := case when source in ('record', 'import') then source else 'manual' end;
    new.source_record_id := case when new.source = 'record' then source_ref end;
    new.source_batch_id := case when new.source = 'import' then source_ref end;
  else
    new.row_version := private.next_registry_version(old.row_version, new.row_version);
    new.id := old.id;
    new.resident_id := old.resident_id;
    new.tag_key := old.tag_key;
    new.source := old.source;
    new.source_record_id := old.source_record_id;
    new.source_batch_id := old.source_batch_id;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
  end if;
  new.updated_at := now();
  new.updated_by := (select auth.uid());
  new.valid_from := coalesce(new.valid_from, private.local_today());
  new.note := coalesce(private.tidy_text(new.note), '');
  if new.valid_to < new.valid_from then
    perform private.raise_record_error('PT400', 'tag_period_invalid',
      '结束日期不能早于开始日期 / The end date cannot be before the start date',
      jsonb_build_object('valid_from', new.valid_from, 'valid_to', new.valid_to));
  end if;
  if exists (select 1 from public.resident_tags t
              where t.resident_id = new.resident_id and t.tag_key = new.tag_key and t.id <> new.id
                and daterange(t.valid_from, t.valid_to, '[]') && daterange(new.valid_from, new.valid_to, '[]')) then
    perform private.raise_record_error('PT409', 'tag_overlaps',
      '此人在这段时间已有该标签 / The person already holds this tag for part of this period',
      jsonb_build_object('tag_key', new.tag_key));
  end if;
  diff := private.data_diff(
    case when tg_op = 'INSERT' then '{}'::jsonb else (select jsonb_object_agg(k, to_jsonb(old) -> k) from unnest(tracked) k) end,
    (select jsonb_object_agg(k, to_jsonb(new) -> k) from unnest(tracked) k));
  if tg_op = 'INSERT' or diff <> '{}'::jsonb then
    perform private.append_resident_event(new.resident_id, null, case tg_op when 'INSERT' then 'tag_added' else 'tag_changed' end,
      diff, new.id);
  end if;
  return new;
end;
$$;

revoke execute on function private.resident_tags_before_write() from public, anon;
-- end routine

-- routine: supabase/routines/private/sensitive_tag_keys.sql
-- The keys of the kinds of resident tag that are sensitive personal information (PIPL Art. 28:
-- 特定身份, 医疗健康, 救助 status, minors — resident_tag_kinds.sensitive: 低保, 特困人员, 残疾人,
-- 退役军人, 留守儿童 as shipped). The policies on resident_tags and resident_events show a tag of
-- such a kind only to a reader whose role holds view_sensitive at the person's grid or above;
-- resident_facts leaves them out for anyone else and names them as hidden.
-- security definer, stable: read once per query as an initplan inside those policies, without
-- evaluating the kinds table's own policy per row.
create or replace function private.sensitive_tag_keys() returns text[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(k.key order by k.sort_order), '{}') from public.resident_tag_kinds k where k.sensitive
$$;

revoke execute on function private.sensitive_tag_keys() from public, anon;
grant execute on function private.sensitive_tag_keys() to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/resident_facts.sql
-- What the record form needs about a picked person before filing (issue 12, items 5 and 6 in the
-- browser): {"age": full years today, China time (null before birth or without a birth date),
-- "tags": the keys of the tags current today} — what the eligibility check of the database reads
-- (private.resident_facts) on the filing date, so the form can show the derived age and check
-- eligibility[] with the database's words before submit.
-- Who may: whoever reads the person (the registry's RLS on residents: their grid in the reader's
-- scope, or a participant of a record about them); anyone else — and an id naming nobody — is
-- refused alike, resident_not_found 404, as unmask_resident_field says it.
-- Why only today: the age in full years is already shown in clear on records, but asked for on
-- chosen days it would give the birth date away (the day it steps up), and the full birth date is
-- private (docs/residents.md). p_on other than today is refused (facts_date_not_today 400);
-- null or left out = today.
-- Sensitive tag kinds (resident_tag_kinds.sensitive: 低保, 残疾人 …) are reported only to a
-- caller whose role holds view_sensitive at the person's grid or above, as resident_tags' policy
-- shows them. Anyone else gets them left out and "hidden_kinds": the keys of every sensitive
-- kind — all of them, whether or not the person holds one, so the answer says nothing about the
-- person — and the form leaves rules on those kinds to the database, whose own check
-- (private.resident_facts) reads every tag. A holder gets "hidden_kinds": [].
-- security invoker: reading the person under the caller's RLS is the check; the birth date and
-- the tags are then read by private.resident_facts (security definer).
create or replace function public.resident_facts(p_resident_id uuid, p_on date default null) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  facts jsonb;
  grid uuid;
  hidden text[] := '{}';
begin
  if p_on is not null and p_on <> private.local_today() then
    perform private.raise_record_error('PT400', 'facts_date_not_today',
      '只能查询今天的年龄和标签 / Age and tags can be asked for today only');
  end if;
  select r.grid_org_unit_id into grid from public.residents r where r.id = p_resident_id;
  if grid is null then
    perform private.raise_record_error('PT404', 'resident_not_found', '居民不存在或无权访问 / No such resident, or not yours to see');
  end if;
  facts := private.resident_facts(p_resident_id, private.local_today());
  if not (grid = any (private.my_scope_units('view_sensitive'))) then
    hidden := private.sensitive_tag_keys();
    facts := jsonb_set(facts, '{tags}', coalesce((select jsonb_agg(t order by t) from jsonb_array_elements_text(facts -> 'tags') t
                                                  where not t = any (hidden)), '[]'));
  end if;
  return facts || jsonb_build_object('hidden_kinds', to_jsonb(hidden));
end;
$$;

revoke execute on function public.resident_facts(uuid, date) from public, anon;
grant execute on function public.resident_facts(uuid, date) to authenticated, service_role;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
-- A tag of a sensitive kind: only for a reader of the person whose role holds view_sensitive at
-- their grid or above (as unmask_resident_field decides). Update and delete reach the same rows,
-- so a tag hidden from somebody is "not found" for them rather than changeable.
drop policy "Users can read the tags of residents they read" on public.resident_tags;
create policy "Users read the tags of residents they read, sensitive kinds with view_sensitive"
on public.resident_tags for select to authenticated
using (exists (select 1 from public.residents r where r.id = resident_tags.resident_id
                  and (not (resident_tags.tag_key = any ((select private.sensitive_tag_keys())::text[]))
                       or r.grid_org_unit_id = any ((select private.my_scope_units('view_sensitive'))::uuid[]))));

drop policy "Users change the tags of residents they may change" on public.resident_tags;
create policy "Users change the tags of residents they may change, sensitive kinds with view_sensitive"
on public.resident_tags for update to authenticated
using (exists (select 1 from public.residents r where r.id = resident_tags.resident_id
                  and (not (resident_tags.tag_key = any ((select private.sensitive_tag_keys())::text[]))
                       or r.grid_org_unit_id = any ((select private.my_scope_units('view_sensitive'))::uuid[]))))
with check (exists (select 1 from public.residents r where r.id = resident_tags.resident_id
                       and r.grid_org_unit_id = any ((select private.my_scope_units('update'))::uuid[])));

drop policy "Users reach tags they read only to be told they are not deleted" on public.resident_tags;
create policy "Users reach tags they read only to be told they are not deleted"
on public.resident_tags for delete to authenticated
using (exists (select 1 from public.residents r where r.id = resident_tags.resident_id
                  and (not (resident_tags.tag_key = any ((select private.sensitive_tag_keys())::text[]))
                       or r.grid_org_unit_id = any ((select private.my_scope_units('view_sensitive'))::uuid[]))));

-- A tag's history (tag_added / tag_changed name the kind in their diff) follows the tag.
drop policy "Users read the history of residents and households they read" on public.resident_events;
create policy "Users read the history of residents and households they read"
on public.resident_events for select to authenticated
using (case when resident_id is not null then exists (select 1 from public.residents r where r.id = resident_events.resident_id)
            else exists (select 1 from public.households h where h.id = resident_events.household_id) end
       and (tag_id is null or exists (select 1 from public.resident_tags t where t.id = resident_events.tag_id)));

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

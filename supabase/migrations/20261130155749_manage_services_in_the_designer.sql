-- 服务管理 and the designer (issue 10): administrators list the services they may change or copy
-- (list_services, with the records they can see), archive and restore them (archive_service), and
-- save drafts together with the fields removed from them, restorable until publish. A stale save
-- names who saved last. Publishing refuses an archived service and a field whose published type
-- changed (field_type_frozen): records hold answers under field keys, so a key keeps its type.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.
alter table public.services
  add column draft_removed_fields jsonb not null default '[]' check (jsonb_typeof(draft_removed_fields) = 'array');
comment on column public.services.draft_removed_fields is 'Fields removed from the draft in the designer, restorable until the draft is published.';

-- the designer's save gains the removed fields; the old three-argument form goes
drop function public.save_service_draft(uuid, jsonb, int);

-- routine: supabase/routines/private/definition_error.sql
-- A definition problem as {path, code, params, message_zh, message_en}, with the bilingual
-- texts of src/services/definition-messages.ts filled in from params (key_changed and
-- field_type_frozen are the database's own: a published service keeps its key and its fields' types).
create or replace function private.definition_error(p_path text, p_code text, p_params jsonb default '{}') returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  zh text;
  en text;
  param record;
begin
  select m.zh, m.en into zh, en from (values
    ('required', '缺少必填项', 'Required'),
    ('wrong_type', '类型错误，应为{expected_zh}', 'Expected {expected}'),
    ('empty', '不能为空', 'Must not be empty'),
    ('too_few', '至少需要 {minimum} 项', 'Needs at least {minimum} items'),
    ('too_small', '不能小于 {minimum}', 'Must be at least {minimum}'),
    ('invalid_value', '取值无效，可选：{values}', 'Invalid value, expected one of: {values}'),
    ('key_format', '键名只能使用小写字母、数字和下划线，并以字母开头', 'Keys use lower-case letters, digits and underscores, and start with a letter'),
    ('role_key_format', '角色键名只能使用小写字母、数字和下划线，并以字母开头', 'Role keys use lower-case letters, digits and underscores, and start with a letter'),
    ('unknown_field_type', '未知的字段类型 "{type}"', 'Unknown field type "{type}"'),
    ('select_options_min', '下拉字段至少需要一个选项', 'A select field needs at least one option'),
    ('duplicate_option', '选项值 "{value}" 重复', 'Duplicate option value "{value}"'),
    ('pattern_invalid', '不是有效的正则表达式', 'Not a valid regular expression'),
    ('date_limit_format', '应为 YYYY-MM-DD 或 today', 'Expected YYYY-MM-DD or "today"'),
    ('sub_table_column_type', '子表列不支持类型 "{type}"', 'Sub-table columns cannot have type "{type}"'),
    ('duplicate_key', '键名 "{key}" 重复', 'Duplicate key "{key}"'),
    ('reserved_key', '"{key}" 是系统列名，不能用作字段键名', '"{key}" is a system column and cannot be a field key'),
    ('unknown_field_ref', '引用的字段 "{field}" 不存在', 'Refers to a field "{field}" that does not exist'),
    ('self_reference', '条件不能引用字段自身', 'A condition cannot refer to its own field'),
    ('condition_cycle', '显示条件形成循环：{cycle}', 'Visibility conditions form a cycle: {cycle}'),
    ('sensitive_controls_field', '敏感字段 "{field}" 不能作为 "{controlled}" 的条件（{condition}）：该字段是否显示或必填会泄露被遮挡的值',
     'Sensitive field "{field}" cannot be the condition of "{controlled}" ({condition}): whether that field is shown or required would reveal the masked value'),
    ('unknown_state', '状态 "{state}" 不存在', 'State "{state}" does not exist'),
    ('initial_terminal', '初始状态不能是终止状态', 'The initial state cannot be terminal'),
    ('terminal_outgoing', '终止状态 "{state}" 不能有流出的流转', 'Terminal state "{state}" cannot have outgoing transitions'),
    ('unit_code_format', '单位代码应为 6、9、12 或 15 位数字', 'A unit code has 6, 9, 12 or 15 digits'),
    ('escalation_choice_empty', '选择上报单位时需给出可选层级 levels 或单位 units', 'An escalation to a chosen unit needs levels or units'),
    ('set_value_or_from', '赋值需给出 value 或 from 之一', 'An assignment takes either value or from'),
    ('set_map_target_level', 'map 只能与 from: target_level 一起使用', 'map goes only with from: target_level'),
    ('unknown_transition_ref', '引用的流转 "{transition}" 不存在', 'Refers to a transition "{transition}" that does not exist'),
    ('staged_field_required', '分阶段填写的字段不能设为必填，请在对应流转的 requireFields 中要求它',
     'A staged field cannot be required; list it in its transition''s requireFields'),
    ('require_field_stage', '字段 "{field}" 不在此流转填写（应为登记时填写，或其 stage 包含此流转）',
     'Field "{field}" is not filled at this transition (make it an intake field or add this transition to its stage)'),
    ('target_level_without_escalation', '只有上报类流转（escalate）才能写入目标层级', 'Only an escalating transition can write the target level'),
    ('derive_target_type', '{fn} 的计算结果不能存入“{type}”类型的字段', 'The result of {fn} cannot be stored in a {type} field'),
    ('derive_source_type', '{fn} 不能从字段 "{field}"（{type}）计算', '{fn} cannot be computed from field "{field}" ({type})'),
    ('derive_sex_options', '由身份证号计算性别的下拉字段须有 male 和 female 两个选项', 'A select derived as sex needs the options male and female'),
    ('derive_birth_date_sensitive', '由敏感字段 "{field}" 计算的出生日期也必须标记为敏感：否则会泄露身份证号被遮挡的出生日期',
     'A birth date computed from the sensitive field "{field}" must be sensitive too: otherwise it reveals the masked digits of the ID number'),
    ('derive_default', '计算字段不能有默认值', 'A derived field cannot have a default'),
    ('derive_cycle', '计算字段形成循环：{cycle}', 'Derived fields form a cycle: {cycle}'),
    ('default_type', '默认值不适用于“{type}”类型：当前用户只用于人员字段，now 用于日期时间，today 用于日期',
     'This default does not fit a {type} field: currentUser is for user fields, now for date-times, today for dates'),
    ('record_unit_type', '只有单位字段（org_unit）能作为记录所属单位', 'Only an org_unit field can be the record''s unit'),
    ('record_unit_once', '只能有一个字段作为记录所属单位', 'Only one field can be the record''s unit'),
    ('key_changed', '服务键名不能修改，应为 "{key}"', 'The service key cannot change; expected "{key}"'),
    ('field_type_frozen', '字段 "{key}" 已发布为"{type}"类型，不能改类型；请新增一个字段', 'Field "{key}" was published as type "{type}" and cannot change type; add a new field instead')
  ) as m(code, zh, en) where m.code = p_code;
  zh := coalesce(zh, p_code);
  en := coalesce(en, p_code);
  for param in select key, value from jsonb_each(p_params) loop
    zh := replace(zh, '{' || param.key || '}', param.value #>> '{}');
    en := replace(en, '{' || param.key || '}', param.value #>> '{}');
  end loop;
  return jsonb_build_object('path', p_path, 'code', p_code, 'params', p_params, 'message_zh', zh, 'message_en', en);
end;
$$;
-- end routine

-- routine: supabase/routines/private/frozen_field_type_errors.sql
-- A published field keeps its type: records of every version hold answers under its key, and an
-- answer of one type read as another would be wrong data. One error per field of the new
-- definition whose key any published version gave another type (the designer adds a new field
-- with a new key instead).
create or replace function private.frozen_field_type_errors(p_service_id uuid, p_definition jsonb) returns jsonb
language sql stable security definer set search_path = '' as $$
-- security definer: reads service_versions for the publish RPC, whatever the caller may read.
  select coalesce(jsonb_agg(private.definition_error(format('fields[%s].type', f.ordinality - 1), 'field_type_frozen',
                                                     jsonb_build_object('key', f.value ->> 'key', 'type', old.type))
                            order by f.ordinality), '[]')
    from jsonb_array_elements(case when jsonb_typeof(p_definition -> 'fields') = 'array' then p_definition -> 'fields' else '[]' end)
         with ordinality f
    cross join lateral (
      select pf ->> 'type' as type
        from public.service_versions v, jsonb_array_elements(v.definition -> 'fields') pf
       where v.service_id = p_service_id
         and pf ->> 'key' = f.value ->> 'key'
         and pf ->> 'type' is distinct from f.value ->> 'type'
       order by v.version desc
       limit 1
    ) old
$$;
-- end routine

-- routine: supabase/routines/private/lock_service_for_change.sql
-- Locks a service for a change by an administrator, refusing a stale row_version. The refusal
-- names who saved last and when, so two admins on one draft see whose change they would have
-- overwritten (the designer shows it and offers to reload).
create or replace function private.lock_service_for_change(p_service_id uuid, p_expected_row_version int) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: called from the definer RPCs below; reads services without a write policy.
declare
  service public.services;
  editor text;
begin
  select * into service from public.services where id = p_service_id for update;
  if service.id is null then
    raise exception using errcode = 'PT404', message = 'service_not_found', hint = '服务不存在 / No such service';
  end if;
  if not private.can_administer_unit(service.owner_org_unit_id) then
    raise exception using errcode = 'PT403', message = 'service_forbidden',
      hint = '只有该单位或上级单位的管理员可以管理服务 / Only administrators of this unit or above manage its services';
  end if;
  if p_expected_row_version is distinct from service.row_version then
    select nullif(p.display_name, '') into editor from public.profiles p where p.id = service.updated_by;
    raise exception using errcode = 'PT409', message = 'stale_service',
      detail = jsonb_build_object('row_version', service.row_version, 'updated_by', service.updated_by,
                                  'updated_by_name', editor, 'updated_at', service.updated_at)::text,
      hint = format('%s 已于 %s 修改了此服务，请重新载入后再改 / %s changed this service at %s; reload and try again',
                    coalesce(editor, '其他管理员'), to_char(service.updated_at at time zone 'Asia/Shanghai', 'MM-DD HH24:MI'),
                    coalesce(editor, 'Another administrator'), to_char(service.updated_at at time zone 'Asia/Shanghai', 'MM-DD HH24:MI'));
  end if;
  return service;
end;
$$;
-- end routine

-- routine: supabase/routines/private/publish_definition.sql
-- Freezes a definition as the service's next version and makes it current. Grants: see the
-- header — the first version seeds them, later ones apply their permission changes only.
-- Callers have checked the definition and the caller's right to publish.
create or replace function private.publish_definition(p_service_id uuid, p_definition jsonb, p_actor uuid) returns int
language plpgsql security definer set search_path = '' as $$
-- security definer: also used by the seed and template installs, where no user is signed in.
declare
  next_version int;
  previous jsonb;
begin
  select v.definition into previous
    from public.services s join public.service_versions v on v.service_id = s.id and v.version = s.current_version
   where s.id = p_service_id;
  select coalesce(max(version), 0) + 1 into next_version from public.service_versions where service_id = p_service_id;
  insert into public.service_versions (service_id, version, definition, published_by)
  values (p_service_id, next_version, p_definition, p_actor);
  update public.services
     set current_version = next_version,
         status = 'published',
         draft = null,
         draft_removed_fields = '[]',
         name = p_definition ->> 'name',
         category = coalesce(p_definition ->> 'category', ''),
         icon = coalesce(p_definition ->> 'icon', ''),
         description = coalesce(p_definition ->> 'description', ''),
         row_version = row_version + 1,
         updated_at = now(),
         updated_by = p_actor
   where id = p_service_id;
  delete from public.service_role_grants g
   where g.service_id = p_service_id
     and (g.role_key, g.action) in (select * from private.definition_grants(previous)
                                    except select * from private.definition_grants(p_definition));
  insert into public.service_role_grants (service_id, role_key, action)
  select p_service_id, n.role_key, n.action
    from (select * from private.definition_grants(p_definition) except select * from private.definition_grants(previous)) n
  on conflict do nothing;
  return next_version;
end;
$$;
-- end routine

-- routine: supabase/routines/public/archive_service.sql
-- Archives a service (p_archived) or restores it. An archived service leaves every menu and takes
-- no new records (records_before_insert wants a published service); its records stay, readable
-- as before. Restoring brings back published (or draft, if it never was published).
create or replace function public.archive_service(p_service_id uuid, p_archived boolean, p_expected_row_version int) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: services has no write policies; lock_service_for_change checks the caller.
declare
  service public.services := private.lock_service_for_change(p_service_id, p_expected_row_version);
begin
  if p_archived is null then
    raise exception using errcode = 'PT400', message = 'archived_required', hint = '请说明归档还是恢复 / Say whether to archive or restore';
  end if;
  update public.services
     set status = case when p_archived then 'archived' when current_version is null then 'draft' else 'published' end,
         row_version = row_version + 1,
         updated_at = now(),
         updated_by = (select auth.uid())
   where id = p_service_id
  returning * into service;
  return service;
end;
$$;
-- end routine

-- routine: supabase/routines/public/list_services.sql
-- 服务管理: every service with what its list shows — status, version, owner, whether the caller
-- may change it (an administrator of the owning unit or above) or only copy it, and how many of
-- its records the caller can see.
create or replace function public.list_services() returns table (
  id uuid, key text, name text, name_en text, category text, icon text, description text, status text,
  current_version int, has_draft boolean, owner_org_unit_id uuid, owner_name text, editable boolean,
  record_count bigint, row_version int, updated_at timestamptz, updated_by_name text)
language sql stable security invoker set search_path = '' as $$
-- security invoker: services, org_units, profiles and records are read under the caller's own
-- policies, so the count is of the records the caller may read and nothing more.
  select s.id, s.key, s.name,
         coalesce(s.draft ->> 'name_en', v.definition ->> 'name_en'),
         s.category, s.icon, s.description, s.status, s.current_version, s.draft is not null,
         s.owner_org_unit_id, u.name, private.can_administer_unit(s.owner_org_unit_id),
         (select count(*) from public.records r where r.service_id = s.id and r.deleted_at is null),
         s.row_version, s.updated_at, nullif(p.display_name, '')
    from public.services s
    left join public.service_versions v on v.service_id = s.id and v.version = s.current_version
    left join public.org_units u on u.id = s.owner_org_unit_id
    left join public.profiles p on p.id = s.updated_by
   order by s.status = 'archived', s.category, s.name
$$;
-- end routine

-- routine: supabase/routines/public/publish_service.sql
-- Publishes a definition (or, when p_definition is null, the saved draft) as the next version.
-- Existing records keep the version they were created under. A published field keeps its type
-- (frozen_field_type_errors); an archived service is restored before it is published again.
create or replace function public.publish_service(p_service_id uuid, p_definition jsonb, p_expected_row_version int) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: services and service_versions have no write policies; this function is
-- the gate and checks the caller's administrator membership through lock_service_for_change.
declare
  service public.services := private.lock_service_for_change(p_service_id, p_expected_row_version);
  definition jsonb := coalesce(p_definition, service.draft);
  errors jsonb;
begin
  if service.status = 'archived' then
    raise exception using errcode = 'PT409', message = 'service_archived',
      hint = '服务已归档，请先恢复再发布 / The service is archived; restore it before publishing';
  end if;
  if definition is null then
    raise exception using errcode = 'PT400', message = 'service_no_draft',
      hint = '没有待发布的草稿 / There is no draft to publish';
  end if;
  errors := private.check_service_definition(definition);
  if jsonb_typeof(definition) = 'object' and definition ->> 'key' is distinct from service.key
     and not exists (select 1 from jsonb_array_elements(errors) e where e ->> 'path' = 'key') then
    errors := errors || private.definition_error('key', 'key_changed', jsonb_build_object('key', service.key));
  end if;
  if jsonb_typeof(definition) = 'object' then
    errors := errors || private.frozen_field_type_errors(p_service_id, definition);
  end if;
  if jsonb_array_length(errors) > 0 then
    perform private.raise_definition_invalid(errors);
  end if;
  perform private.publish_definition(p_service_id, definition, (select auth.uid()));
  select * into service from public.services where id = p_service_id;
  return service;
end;
$$;
-- end routine

-- routine: supabase/routines/public/save_service_draft.sql
-- The designer's save: keeps an unpublished copy, and the fields removed from it (restorable
-- until publish); records are untouched until publish. The whole draft is one row update, so a
-- save is complete or refused, never half-written; a stale row_version is a conflict.
create or replace function public.save_service_draft(p_service_id uuid, p_draft jsonb, p_expected_row_version int,
                                                     p_removed_fields jsonb default '[]') returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: services has no write policies; lock_service_for_change checks the caller.
declare
  service public.services := private.lock_service_for_change(p_service_id, p_expected_row_version);
begin
  if jsonb_typeof(p_draft) is distinct from 'object' then
    perform private.raise_definition_invalid(jsonb_build_array(private.definition_error('', 'wrong_type', jsonb_build_object('expected', 'object', 'expected_zh', '对象'))));
  end if;
  if p_draft ->> 'key' is distinct from service.key then
    perform private.raise_definition_invalid(jsonb_build_array(private.definition_error('key', 'key_changed', jsonb_build_object('key', service.key))));
  end if;
  if jsonb_typeof(p_removed_fields) is distinct from 'array' then
    perform private.raise_definition_invalid(jsonb_build_array(private.definition_error('removed_fields', 'wrong_type', jsonb_build_object('expected', 'array', 'expected_zh', '数组'))));
  end if;
  if octet_length(p_draft::text) + octet_length(p_removed_fields::text) > 1048576 then
    raise exception using errcode = 'PT413', message = 'service_draft_too_large',
      hint = '服务定义过大（超过 1 MB） / The service definition is too large (over 1 MB)';
  end if;
  update public.services
     set draft = p_draft,
         draft_removed_fields = p_removed_fields,
         -- until the first publish, the list shows what the designer is working on
         name = case when current_version is null and not private.is_empty_answer(p_draft -> 'name') then p_draft ->> 'name' else name end,
         category = case when current_version is null then coalesce(p_draft ->> 'category', category) else category end,
         icon = case when current_version is null then coalesce(p_draft ->> 'icon', icon) else icon end,
         description = case when current_version is null then coalesce(p_draft ->> 'description', description) else description end,
         row_version = row_version + 1,
         updated_at = now(),
         updated_by = (select auth.uid())
   where id = p_service_id
  returning * into service;
  return service;
end;
$$;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
revoke execute on function private.frozen_field_type_errors(uuid, jsonb) from public, anon, authenticated;
revoke execute on function public.save_service_draft(uuid, jsonb, int, jsonb) from public, anon;
grant execute on function public.save_service_draft(uuid, jsonb, int, jsonb) to authenticated, service_role;
revoke execute on function public.archive_service(uuid, boolean, int) from public, anon;
grant execute on function public.archive_service(uuid, boolean, int) to authenticated, service_role;
revoke execute on function public.list_services() from public, anon;
grant execute on function public.list_services() to authenticated, service_role;

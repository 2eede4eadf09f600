-- Role grants as data (DESIGN §5: "role grants per service and action are data, edited in the
-- designer"). From a service's first publish on, service_role_grants is the truth: the first
-- version's `permissions` seed it, and administrators of the owning unit or above change it with
-- public.set_service_grant. Every scope helper reads the grants inside each query, so a change
-- takes effect on the affected users' very next request.
--
-- Later publishes never undo an edit: they apply only what the definition's `permissions`
-- changed since the previous version (an action added to a role is granted, an action removed
-- is revoked; a role new to the definition gets its defaults). Entries the definition did not
-- change keep whatever the administrators made of them.
--
-- Custom roles: public.roles makes keys like custom_3f9a0c12de (digits), so grants and
-- definitions accept ^[a-z][a-z0-9_]*$, as src/services/roles.ts does.
--
-- Audit: grants, services and published versions now write private.audit_config_change
-- entries, scoped to the service's owning unit.

alter table public.service_role_grants drop constraint service_role_grants_role_key_check;
alter table public.service_role_grants add constraint service_role_grants_role_key_check check (role_key ~ '^[a-z][a-z0-9_]*$');
comment on table public.service_role_grants is 'Role grants per service and action: seeded from the first published definition''s permissions, then edited with set_service_grant; later publishes apply only the permissions the definition changed.';

-- The (role, action) pairs a definition's permissions name.
create function private.definition_grants(p_definition jsonb) returns table (role_key text, action text)
language sql immutable set search_path = '' as $$
  select distinct p.key, a.action
    from jsonb_each(coalesce(p_definition -> 'permissions', '{}')) p
   cross join lateral jsonb_array_elements_text(p.value) a(action)
$$;

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

-- Grants or revokes one action of one role on a service, for community and system
-- administrators at the service's owning unit or above, once the service is published.
-- Returns the service's grants after the change. Errors (message = stable code):
-- service_not_found PT404, service_forbidden PT403, service_not_published PT409,
-- action_invalid PT400, role_not_found PT400.
create function public.set_service_grant(p_service_id uuid, p_role_key text, p_action text, p_granted boolean)
returns setof public.service_role_grants
language plpgsql security definer set search_path = '' as $$
-- security definer: service_role_grants has no write policies; this function is the gate and
-- checks the caller's administrator membership itself.
declare
  service public.services;
begin
  select * into service from public.services where id = p_service_id;
  if service.id is null then
    raise exception using errcode = 'PT404', message = 'service_not_found', hint = '服务不存在 / No such service';
  end if;
  if not private.can_administer_unit(service.owner_org_unit_id) then
    raise exception using errcode = 'PT403', message = 'service_forbidden',
      hint = '只有该单位或上级单位的管理员可以管理服务 / Only administrators of this unit or above manage its services';
  end if;
  if service.current_version is null then
    -- the first publish seeds the grants from the definition; until then they are the draft's
    raise exception using errcode = 'PT409', message = 'service_not_published',
      hint = '服务发布后才能调整角色权限，发布前请在定义中设置 / Grants are edited once the service is published; before that, set them in the definition';
  end if;
  if p_granted is null or p_action is null
     or p_action not in ('read', 'create', 'update', 'delete', 'export', 'view_sensitive') then
    raise exception using errcode = 'PT400', message = 'action_invalid',
      detail = jsonb_build_object('action', p_action)::text,
      hint = '权限应为 read、create、update、delete、export 或 view_sensitive / The action must be read, create, update, delete, export or view_sensitive';
  end if;
  if not exists (select 1 from public.roles r where r.key = p_role_key) then
    raise exception using errcode = 'PT400', message = 'role_not_found',
      detail = jsonb_build_object('role_key', p_role_key)::text, hint = '角色不存在 / No such role';
  end if;
  if p_granted then
    insert into public.service_role_grants (service_id, role_key, action) values (p_service_id, p_role_key, p_action)
    on conflict do nothing;
  else
    delete from public.service_role_grants g where g.service_id = p_service_id and g.role_key = p_role_key and g.action = p_action;
  end if;
  return query select * from public.service_role_grants g where g.service_id = p_service_id order by g.role_key, g.action;
end;
$$;

revoke execute on function public.set_service_grant(uuid, text, text, boolean) from public, anon;
grant execute on function public.set_service_grant(uuid, text, text, boolean) to authenticated, service_role;

-- The audit trigger of 20261126020200_create_audit_log.sql, with one more optional argument:
--   3. 'via_service': argument 2 names a column holding a service id, and the entry's unit is
--      that service's owning unit (grants and versions have no unit of their own).
-- security definer: as before, the only writer of audit_log.
create or replace function private.audit_config_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  before_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  after_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  subject jsonb := coalesce(after_row, before_row);
  key_columns text[] := string_to_array(coalesce(tg_argv[0], 'id'), ',');
  unit_column text := coalesce(tg_argv[1], 'org_unit_id');
  unit_id uuid := (subject ->> unit_column)::uuid;
begin
  if tg_op = 'UPDATE' and before_row = after_row then
    return null;
  end if;
  if tg_argv[2] = 'via_service' then
    select s.owner_org_unit_id into unit_id from public.services s where s.id = unit_id;
  end if;
  insert into public.audit_log (table_name, row_id, action, actor, org_unit_id, before, after)
  values (
    tg_table_name,
    (select string_agg(subject ->> k.name, ',' order by k.ord) from unnest(key_columns) with ordinality as k(name, ord)),
    lower(tg_op),
    (select auth.uid()),
    unit_id,
    before_row,
    after_row
  );
  return null;
end;
$$;

create trigger service_role_grants_audit
after insert or update or delete on public.service_role_grants
for each row execute function private.audit_config_change('service_id,role_key,action', 'service_id', 'via_service');

create trigger services_audit
after insert or update or delete on public.services
for each row execute function private.audit_config_change('id', 'owner_org_unit_id');

create trigger service_versions_audit
after insert on public.service_versions
for each row execute function private.audit_config_change('service_id,version', 'service_id', 'via_service');

-- Role keys in definitions: the structural check and its message, as before with the
-- custom-role pattern (only the two role-key tests and the role_key_format texts changed).

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
    ('unknown_state', '状态 "{state}" 不存在', 'State "{state}" does not exist'),
    ('initial_terminal', '初始状态不能是终止状态', 'The initial state cannot be terminal'),
    ('terminal_outgoing', '终止状态 "{state}" 不能有流出的流转', 'Terminal state "{state}" cannot have outgoing transitions'),
    ('key_changed', '服务键名不能修改，应为 "{key}"', 'The service key cannot change; expected "{key}"')
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

create or replace function private.check_service_definition(def jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  field jsonb;
  i int;
  j int;
  at text;
  field_keys text[] := '{}';
  column_keys text[];
  column_def jsonb;
  name text;
  condition jsonb;
  state jsonb;
  state_keys text[] := '{}';
  terminal_keys text[] := '{}';
  transition jsonb;
  transition_keys text[] := '{}';
  item jsonb;
  item_keys text[];
  role text;
  key_pattern constant text := '^[a-z][a-z0-9_]{0,39}$';
  controllers jsonb := '{}';
  chain text[];
  current_key text;
  reported text[] := '{}';
begin
  if jsonb_typeof(def) is distinct from 'object' then
    return jsonb_build_array(private.wrong_type('', 'object'));
  end if;
  if jsonb_typeof(def -> 'key') is distinct from 'string' or def ->> 'key' !~ key_pattern then
    errors := errors || private.definition_error('key', 'key_format');
  end if;
  if jsonb_typeof(def -> 'name') is distinct from 'string' or private.is_empty_answer(def -> 'name') then
    errors := errors || private.definition_error('name', 'required');
  end if;

  -- fields
  if jsonb_typeof(def -> 'fields') is distinct from 'array' or jsonb_array_length(def -> 'fields') = 0 then
    errors := errors || private.definition_error('fields', 'too_few', '{"minimum": 1}');
  else
    select coalesce(array_agg(f ->> 'key'), '{}') into field_keys from jsonb_array_elements(def -> 'fields') f;
    for field, i in select f, (n - 1)::int from jsonb_array_elements(def -> 'fields') with ordinality as t(f, n) loop
      at := format('fields[%s]', i);
      if jsonb_typeof(field) is distinct from 'object' then
        errors := errors || private.wrong_type(at, 'object');
        continue;
      end if;
      if jsonb_typeof(field -> 'key') is distinct from 'string' or field ->> 'key' !~ key_pattern then
        errors := errors || private.definition_error(at || '.key', 'key_format');
      elsif array_position(field_keys, field ->> 'key') < i + 1 then
        errors := errors || private.definition_error(at || '.key', 'duplicate_key', jsonb_build_object('key', field ->> 'key'));
      elsif field ->> 'key' in ('status', 'org_unit_id', 'assignee', 'due_at', 'created_at', 'updated_at') then
        errors := errors || private.definition_error(at || '.key', 'reserved_key', jsonb_build_object('key', field ->> 'key'));
      end if;
      if jsonb_typeof(field -> 'label') is distinct from 'string' or private.is_empty_answer(field -> 'label') then
        errors := errors || private.definition_error(at || '.label', 'required');
      end if;
      if jsonb_typeof(field -> 'type') is distinct from 'string' or not (field ->> 'type') = any (private.record_field_types()) then
        errors := errors || private.definition_error(at || '.type', 'unknown_field_type', jsonb_build_object('type', coalesce(field ->> 'type', '')));
        continue;
      end if;
      errors := errors || private.check_field_options(field, at);
      if field ->> 'type' = 'sub_table' then
        if jsonb_typeof(field -> 'columns') is distinct from 'array' or jsonb_array_length(field -> 'columns') = 0 then
          errors := errors || private.definition_error(at || '.columns', 'too_few', '{"minimum": 1}');
        else
          column_keys := '{}';
          for column_def, j in select c, (n - 1)::int from jsonb_array_elements(field -> 'columns') with ordinality as t(c, n) loop
            if jsonb_typeof(column_def) is distinct from 'object' then
              errors := errors || private.wrong_type(format('%s.columns[%s]', at, j), 'object');
              continue;
            end if;
            if jsonb_typeof(column_def -> 'key') is distinct from 'string' or column_def ->> 'key' !~ key_pattern then
              errors := errors || private.definition_error(format('%s.columns[%s].key', at, j), 'key_format');
            elsif column_def ->> 'key' = any (column_keys) then
              errors := errors || private.definition_error(format('%s.columns[%s].key', at, j), 'duplicate_key', jsonb_build_object('key', column_def ->> 'key'));
            end if;
            column_keys := column_keys || (column_def ->> 'key');
            if not coalesce(column_def ->> 'type', '') = any (private.sub_table_column_types()) then
              errors := errors || private.definition_error(format('%s.columns[%s].type', at, j), 'sub_table_column_type',
                                                           jsonb_build_object('type', coalesce(column_def ->> 'type', '')));
            else
              errors := errors || private.check_field_options(column_def, format('%s.columns[%s]', at, j));
            end if;
          end loop;
        end if;
      end if;
      foreach name in array array['visibleWhen', 'requiredWhen'] loop
        continue when not field ? name;
        condition := field -> name;
        if jsonb_typeof(condition) is distinct from 'object' then
          errors := errors || private.wrong_type(at || '.' || name, 'object');
        elsif coalesce(condition ->> 'op', '') not in ('eq', 'neq', 'in', 'nin', 'empty', 'not_empty', 'gt', 'gte', 'lt', 'lte') then
          errors := errors || private.definition_error(at || '.' || name || '.op', 'invalid_value',
            '{"values": "eq | neq | in | nin | empty | not_empty | gt | gte | lt | lte"}');
        elsif condition ->> 'field' = field ->> 'key' then
          errors := errors || private.definition_error(at || '.' || name || '.field', 'self_reference');
        elsif not coalesce(condition ->> 'field', '') = any (field_keys) then
          errors := errors || private.definition_error(at || '.' || name || '.field', 'unknown_field_ref',
                                                       jsonb_build_object('field', coalesce(condition ->> 'field', '')));
        elsif name = 'visibleWhen' then
          controllers := controllers || jsonb_build_object(field ->> 'key', condition ->> 'field');
        end if;
      end loop;
    end loop;
    -- a field shown only if another is shown only if the first is: never shown; report once
    for field, i in select f, (n - 1)::int from jsonb_array_elements(def -> 'fields') with ordinality as t(f, n) loop
      continue when not controllers ? (field ->> 'key') or (field ->> 'key') = any (reported);
      chain := array[field ->> 'key'];
      current_key := controllers ->> (field ->> 'key');
      while current_key is not null and not current_key = any (chain) loop
        chain := chain || current_key;
        current_key := controllers ->> current_key;
      end loop;
      if current_key = field ->> 'key' then
        reported := reported || chain;
        errors := errors || private.definition_error(format('fields[%s].visibleWhen', i), 'condition_cycle',
                                                     jsonb_build_object('cycle', array_to_string(chain || current_key, ' → ')));
      end if;
    end loop;
  end if;

  -- workflow
  if jsonb_typeof(def -> 'workflow') is distinct from 'object' then
    errors := errors || private.definition_error('workflow', 'required');
  elsif jsonb_typeof(def #> '{workflow,states}') is distinct from 'array' or jsonb_array_length(def #> '{workflow,states}') = 0 then
    errors := errors || private.definition_error('workflow.states', 'too_few', '{"minimum": 1}');
  else
    for state, i in select s, (n - 1)::int from jsonb_array_elements(def #> '{workflow,states}') with ordinality as t(s, n) loop
      at := format('workflow.states[%s]', i);
      if jsonb_typeof(state -> 'key') is distinct from 'string' or state ->> 'key' !~ key_pattern then
        errors := errors || private.definition_error(at || '.key', 'key_format');
        continue;
      elsif state ->> 'key' = any (state_keys) then
        errors := errors || private.definition_error(at || '.key', 'duplicate_key', jsonb_build_object('key', state ->> 'key'));
      end if;
      state_keys := state_keys || (state ->> 'key');
      if state ? 'terminal' and jsonb_typeof(state -> 'terminal') <> 'boolean' then
        errors := errors || private.wrong_type(at || '.terminal', 'boolean');
      elsif state -> 'terminal' = 'true'::jsonb then
        terminal_keys := terminal_keys || (state ->> 'key');
      end if;
      if state ? 'slaHours' and (jsonb_typeof(state -> 'slaHours') <> 'number' or (state ->> 'slaHours')::numeric <= 0) then
        errors := errors || private.definition_error(at || '.slaHours', 'too_small', '{"minimum": 0}');
      end if;
    end loop;
    if not coalesce(def #>> '{workflow,initial}', '') = any (state_keys) then
      errors := errors || private.definition_error('workflow.initial', 'unknown_state', jsonb_build_object('state', coalesce(def #>> '{workflow,initial}', '')));
    elsif def #>> '{workflow,initial}' = any (terminal_keys) then
      errors := errors || private.definition_error('workflow.initial', 'initial_terminal');
    end if;
    if def #> '{workflow,transitions}' is not null and jsonb_typeof(def #> '{workflow,transitions}') <> 'array' then
      errors := errors || private.wrong_type('workflow.transitions', 'array');
    else
      for transition, i in select t, (n - 1)::int from jsonb_array_elements(coalesce(def #> '{workflow,transitions}', '[]')) with ordinality as x(t, n) loop
        at := format('workflow.transitions[%s]', i);
        if jsonb_typeof(transition -> 'key') is distinct from 'string' or transition ->> 'key' !~ key_pattern then
          errors := errors || private.definition_error(at || '.key', 'key_format');
        elsif transition ->> 'key' = any (transition_keys) then
          errors := errors || private.definition_error(at || '.key', 'duplicate_key', jsonb_build_object('key', transition ->> 'key'));
        end if;
        transition_keys := transition_keys || (transition ->> 'key');
        if jsonb_typeof(transition -> 'from') is distinct from 'array' or jsonb_array_length(transition -> 'from') = 0 then
          errors := errors || private.definition_error(at || '.from', 'too_few', '{"minimum": 1}');
        else
          for item, j in select f, (n - 1)::int from jsonb_array_elements(transition -> 'from') with ordinality as x(f, n) loop
            if not coalesce(item #>> '{}', '') = any (state_keys) then
              errors := errors || private.definition_error(format('%s.from[%s]', at, j), 'unknown_state', jsonb_build_object('state', item #>> '{}'));
            elsif item #>> '{}' = any (terminal_keys) then
              errors := errors || private.definition_error(format('%s.from[%s]', at, j), 'terminal_outgoing', jsonb_build_object('state', item #>> '{}'));
            end if;
          end loop;
        end if;
        if not coalesce(transition ->> 'to', '') = any (state_keys) then
          errors := errors || private.definition_error(at || '.to', 'unknown_state', jsonb_build_object('state', coalesce(transition ->> 'to', '')));
        end if;
        if jsonb_typeof(transition -> 'roles') is distinct from 'array' or jsonb_array_length(transition -> 'roles') = 0 then
          errors := errors || private.definition_error(at || '.roles', 'too_few', '{"minimum": 1}');
        elsif exists (select 1 from jsonb_array_elements(transition -> 'roles') r where jsonb_typeof(r) <> 'string' or r #>> '{}' !~ '^[a-z][a-z0-9_]*$') then
          errors := errors || private.definition_error(at || '.roles', 'role_key_format');
        end if;
        foreach name in array array['requireComment', 'escalate'] loop
          if transition ? name and jsonb_typeof(transition -> name) <> 'boolean' then
            errors := errors || private.wrong_type(at || '.' || name, 'boolean');
          end if;
        end loop;
        if transition ? 'requireFields' then
          if jsonb_typeof(transition -> 'requireFields') <> 'array' then
            errors := errors || private.wrong_type(at || '.requireFields', 'array');
          else
            for item, j in select f, (n - 1)::int from jsonb_array_elements(transition -> 'requireFields') with ordinality as x(f, n) loop
              if not coalesce(item #>> '{}', '') = any (field_keys) then
                errors := errors || private.definition_error(format('%s.requireFields[%s]', at, j), 'unknown_field_ref', jsonb_build_object('field', item #>> '{}'));
              end if;
            end loop;
          end if;
        end if;
        if transition ? 'checklist' then
          if jsonb_typeof(transition -> 'checklist') <> 'array' then
            errors := errors || private.wrong_type(at || '.checklist', 'array');
          else
            item_keys := '{}';
            for item, j in select c, (n - 1)::int from jsonb_array_elements(transition -> 'checklist') with ordinality as x(c, n) loop
              if jsonb_typeof(item -> 'key') is distinct from 'string' or item ->> 'key' !~ key_pattern then
                errors := errors || private.definition_error(format('%s.checklist[%s].key', at, j), 'key_format');
              elsif item ->> 'key' = any (item_keys) then
                errors := errors || private.definition_error(format('%s.checklist[%s].key', at, j), 'duplicate_key', jsonb_build_object('key', item ->> 'key'));
              end if;
              item_keys := item_keys || (item ->> 'key');
              if jsonb_typeof(item -> 'label') is distinct from 'string' or private.is_empty_answer(item -> 'label') then
                errors := errors || private.definition_error(format('%s.checklist[%s].label', at, j), 'required');
              end if;
            end loop;
          end if;
        end if;
      end loop;
    end if;
  end if;

  -- permissions: role → actions
  if jsonb_typeof(def -> 'permissions') is distinct from 'object' then
    errors := errors || private.wrong_type('permissions', 'object');
  else
    for role, item in select key, value from jsonb_each(def -> 'permissions') loop
      if role !~ '^[a-z][a-z0-9_]*$' then
        errors := errors || private.definition_error(format('permissions[%s]', to_json(role)), 'role_key_format');
      elsif jsonb_typeof(item) <> 'array' or exists (
        select 1 from jsonb_array_elements(item) a
         where coalesce(a #>> '{}', '') not in ('read', 'create', 'update', 'delete', 'export', 'view_sensitive')) then
        errors := errors || private.definition_error('permissions.' || role, 'invalid_value',
          '{"values": "read | create | update | delete | export | view_sensitive"}');
      end if;
    end loop;
  end if;
  return errors;
end;
$$;

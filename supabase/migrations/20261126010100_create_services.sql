-- Governance services as data (DESIGN §4): a service, its frozen published versions, and the
-- role grants of its current version. Signed-in users read them; nobody writes them except
-- through create_service / save_service_draft / publish_service, which check that the caller
-- is a community or system administrator at the owning unit or above.

create table public.services (
  id uuid primary key default gen_random_uuid(),
  key text not null unique check (key ~ '^[a-z][a-z0-9_]*$' and length(key) <= 40),
  name text not null check (length(btrim(name)) > 0),
  category text not null default '',
  icon text not null default '',
  description text not null default '',
  owner_org_unit_id uuid not null references public.org_units (id) on delete restrict,
  status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
  current_version int,
  draft jsonb,
  row_version int not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  check (status <> 'published' or current_version is not null)
);
comment on table public.services is 'A governance service. name/category/icon/description mirror the current published version (the draft until first published); draft is the designer''s unpublished copy.';
comment on column public.services.created_by is 'auth.users id; no foreign key, so history survives a deleted account.';

create index services_owner_org_unit_id_idx on public.services (owner_org_unit_id);

create table public.service_versions (
  service_id uuid not null references public.services (id) on delete restrict,
  version int not null check (version >= 1),
  definition jsonb not null,
  published_at timestamptz not null default now(),
  published_by uuid,
  -- read on every record insert, so kept out of the definition's JSON
  initial_status text generated always as (definition #>> '{workflow,initial}') stored,
  initial_sla_hours numeric generated always as (
    (jsonb_path_query_first(definition, '$.workflow.states[*] ? (@.key == $.workflow.initial).slaHours'))::numeric) stored,
  primary key (service_id, version)
);
comment on table public.service_versions is 'Frozen published definitions. Every record names the version it was created under; rows never change.';
-- Small table, read on every record insert: keep definitions uncompressed.
alter table public.service_versions alter column definition set storage external;

alter table public.services
  add constraint services_current_version_fkey foreign key (id, current_version)
  references public.service_versions (service_id, version);

-- Which role may do what with a service's records, taken from the current version's
-- `permissions` at publish. Kept as rows so RLS can join it; issue 4 lets admins edit it.
create table public.service_role_grants (
  service_id uuid not null references public.services (id) on delete cascade,
  role_key text not null check (role_key ~ '^[a-z_]+$'),
  action text not null check (action in ('read', 'create', 'update', 'delete', 'export', 'view_sensitive')),
  primary key (service_id, role_key, action)
);
comment on table public.service_role_grants is 'Role grants per service and action; today derived from the published definition''s permissions.';
create index service_role_grants_role_action_idx on public.service_role_grants (role_key, action);

-- routine: supabase/routines/private/refuse_change.sql
create or replace function private.refuse_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '42501', message = format('%s_immutable', tg_table_name),
    hint = '历史记录不能修改或删除 / History cannot be changed or deleted';
end;
$$;
-- end routine

create trigger service_versions_immutable
before update or delete on public.service_versions
for each row execute function private.refuse_change();

alter table public.services enable row level security;
alter table public.service_versions enable row level security;
alter table public.service_role_grants enable row level security;

create policy "Signed-in users can read services"
on public.services for select to authenticated using (true);

create policy "Signed-in users can read published service versions"
on public.service_versions for select to authenticated using (true);

create policy "Signed-in users can read service role grants"
on public.service_role_grants for select to authenticated using (true);

-- routine: supabase/routines/private/administers.sql
-- Does `p_admin` hold an active administrator membership at this unit or an ancestor, strong
-- enough for `p_role_key`? Only a system administrator manages system_admin; a null role asks
-- about the unit alone.
-- security definer: memberships' own policies call it (reading memberships under RLS would
-- recurse), and the invitation claim calls it for the inviter, who is not the current user.
create or replace function private.administers(p_admin uuid, p_org_unit_id uuid, p_role_key text default null) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1
      from public.memberships m
      join public.org_units mine on mine.id = m.org_unit_id
      join public.org_units target on target.id = p_org_unit_id
     where m.user_id = p_admin
       and m.status = 'active'
       and (m.role_key = 'system_admin' or (m.role_key = 'community_admin' and p_role_key is distinct from 'system_admin'))
       and (target.path = mine.path or target.path like mine.path || '.%')
  )
$$;
-- end routine

-- routine: supabase/routines/private/can_administer_unit.sql
-- Is the caller a community or system administrator at this unit or one of its ancestors?
-- The service RPCs ask this; it is administers() for the caller, so who administers a unit is
-- decided in one place for services and membership administration alike.
create or replace function private.can_administer_unit(p_org_unit_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.administers((select auth.uid()), p_org_unit_id)
$$;
-- end routine

-- routine: supabase/routines/private/definition_error.sql
-- A definition problem as {path, code, params, message_zh, message_en}, with the bilingual
-- texts of src/services/definition-messages.ts filled in from params (key_changed is the
-- database's own: a published service keeps its key).
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
-- end routine

-- routine: supabase/routines/private/wrong_type.sql
create or replace function private.wrong_type(p_path text, p_expected text) returns jsonb
language sql immutable set search_path = '' as $$
  select private.definition_error(p_path, 'wrong_type', jsonb_build_object('expected', p_expected,
    'expected_zh', case p_expected when 'string' then '文本' when 'number' then '数字' when 'int' then '整数'
      when 'boolean' then '布尔值（true/false）' when 'array' then '数组' else '对象' end))
$$;
-- end routine

-- routine: supabase/routines/private/check_field_options.sql
-- Options a field type (or sub-table column) reads: present options must have the type the
-- validator expects, so a published definition can never make the trigger fail on a cast.
create or replace function private.check_field_options(field jsonb, at text) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  kind text := field ->> 'type';
  name text;
  option jsonb;
  i int;
  seen text[] := '{}';
begin
  foreach name in array array['minLength', 'maxLength', 'minItems', 'maxItems', 'maxCount', 'minCount', 'minRows', 'maxRows'] loop
    if field ? name and (jsonb_typeof(field -> name) <> 'number' or (field ->> name)::numeric <> trunc((field ->> name)::numeric)
                         or (field ->> name)::numeric < 0) then
      errors := errors || private.wrong_type(at || '.' || name, 'int');
    end if;
  end loop;
  foreach name in array array['required', 'integer', 'sensitive'] loop
    if field ? name and jsonb_typeof(field -> name) <> 'boolean' then
      errors := errors || private.wrong_type(at || '.' || name, 'boolean');
    end if;
  end loop;
  if kind in ('number', 'money') then
    foreach name in array array['min', 'max'] loop
      if field ? name and jsonb_typeof(field -> name) <> 'number' then
        errors := errors || private.wrong_type(at || '.' || name, 'number');
      end if;
    end loop;
  elsif kind = 'date' then
    foreach name in array array['min', 'max'] loop
      if field ? name and (jsonb_typeof(field -> name) <> 'string'
                           or not (field ->> name = 'today' or private.is_iso_date(field ->> name))) then
        errors := errors || private.definition_error(at || '.' || name, 'date_limit_format');
      end if;
    end loop;
  end if;
  if field ? 'maxSizeMb' and (jsonb_typeof(field -> 'maxSizeMb') <> 'number' or (field ->> 'maxSizeMb')::numeric <= 0) then
    errors := errors || private.wrong_type(at || '.maxSizeMb', 'number');
  end if;
  if field ? 'accept' and (jsonb_typeof(field -> 'accept') <> 'array'
                           or exists (select 1 from jsonb_array_elements(field -> 'accept') a where jsonb_typeof(a) <> 'string')) then
    errors := errors || private.wrong_type(at || '.accept', 'array');
  end if;
  if field ? 'kind' and kind = 'phone' and (field ->> 'kind') is distinct from 'mobile' and (field ->> 'kind') is distinct from 'landline'
     and (field ->> 'kind') is distinct from 'any' then
    errors := errors || private.definition_error(at || '.kind', 'invalid_value', '{"values": "mobile | landline | any"}');
  end if;
  if field ? 'pattern' then
    if jsonb_typeof(field -> 'pattern') <> 'string' then
      errors := errors || private.wrong_type(at || '.pattern', 'string');
    else
      begin
        perform '' ~ (field ->> 'pattern');
      exception when invalid_regular_expression then
        errors := errors || private.definition_error(at || '.pattern', 'pattern_invalid');
      end;
    end if;
  end if;
  if kind in ('select', 'multiselect') then
    if jsonb_typeof(field -> 'options') is distinct from 'array' or jsonb_array_length(field -> 'options') = 0 then
      errors := errors || private.definition_error(at || '.options', 'select_options_min');
    else
      for option, i in select o, (n - 1)::int from jsonb_array_elements(field -> 'options') with ordinality as t(o, n) loop
        if jsonb_typeof(option -> 'value') is distinct from 'string' or option ->> 'value' = '' then
          errors := errors || private.wrong_type(format('%s.options[%s].value', at, i), 'string');
        elsif option ->> 'value' = any (seen) then
          errors := errors || private.definition_error(format('%s.options[%s].value', at, i), 'duplicate_option',
                                                       jsonb_build_object('value', option ->> 'value'));
        else
          seen := seen || (option ->> 'value');
        end if;
      end loop;
    end if;
  end if;
  return errors;
end;
$$;
-- end routine

-- routine: supabase/routines/private/check_service_definition.sql
-- The structural checks the database relies on: keys, known field types with well-typed
-- options, conditions naming existing fields without cycles, workflow states that exist,
-- and permissions by role. Returns [] or [{path, code, params, message_zh, message_en}],
-- paths written like the designer's (`fields[3].type`). The full schema is
-- parseServiceDefinition's job in the browser; this is what keeps the engine sound.
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
  sensitive_keys text[] := '{}';
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
    select coalesce(array_agg(f ->> 'key'), '{}') into sensitive_keys from jsonb_array_elements(def -> 'fields') f
     where jsonb_typeof(f) = 'object' and f -> 'sensitive' = 'true'::jsonb;
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
        else
          -- no masking by inference (see the top of this migration)
          if condition ->> 'field' = any (sensitive_keys) then
            errors := errors || private.definition_error(at || '.' || name || '.field', 'sensitive_controls_field',
              jsonb_build_object('field', condition ->> 'field', 'controlled', field ->> 'key', 'condition', name));
          end if;
          if name = 'visibleWhen' then
            controllers := controllers || jsonb_build_object(field ->> 'key', condition ->> 'field');
          end if;
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

-- routine: supabase/routines/private/raise_definition_invalid.sql
create or replace function private.raise_definition_invalid(p_errors jsonb) returns void
language plpgsql immutable set search_path = '' as $$
begin
  raise exception using errcode = 'PT400' /* PostgREST → HTTP 400 */, message = 'definition_invalid',
    detail = p_errors::text,
    hint = format('%s：%s / %s: %s', p_errors -> 0 ->> 'path', p_errors -> 0 ->> 'message_zh', p_errors -> 0 ->> 'path', p_errors -> 0 ->> 'message_en');
end;
$$;
-- end routine

-- routine: supabase/routines/public/create_service.sql
-- Creates a draft service owned by a unit the caller administers.
create or replace function public.create_service(p_definition jsonb, p_owner_org_unit_id uuid) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: services has no write policies; this function is the gate and checks
-- the caller's administrator membership itself.
declare
  created public.services;
  errors jsonb := '[]';
begin
  if not private.can_administer_unit(p_owner_org_unit_id) then
    raise exception using errcode = 'PT403', message = 'service_forbidden',
      hint = '只有该单位或上级单位的管理员可以管理服务 / Only administrators of this unit or above manage its services';
  end if;
  if jsonb_typeof(p_definition -> 'key') is distinct from 'string' or p_definition ->> 'key' !~ '^[a-z][a-z0-9_]{0,39}$' then
    errors := errors || private.definition_error('key', 'key_format');
  end if;
  if jsonb_typeof(p_definition -> 'name') is distinct from 'string' or private.is_empty_answer(p_definition -> 'name') then
    errors := errors || private.definition_error('name', 'required');
  end if;
  if jsonb_array_length(errors) > 0 then
    perform private.raise_definition_invalid(errors);
  end if;
  if exists (select 1 from public.services where key = p_definition ->> 'key') then
    raise exception using errcode = 'PT409', message = 'service_key_taken',
      hint = format('服务键名 "%s" 已被使用 / The service key "%s" is taken', p_definition ->> 'key', p_definition ->> 'key');
  end if;
  insert into public.services (key, name, category, icon, description, owner_org_unit_id, draft, created_by, updated_by)
  values (p_definition ->> 'key', p_definition ->> 'name', coalesce(p_definition ->> 'category', ''),
          coalesce(p_definition ->> 'icon', ''), coalesce(p_definition ->> 'description', ''),
          p_owner_org_unit_id, p_definition, (select auth.uid()), (select auth.uid()))
  returning * into created;
  return created;
end;
$$;
-- end routine

-- routine: supabase/routines/private/lock_service_for_change.sql
-- Locks a service for a change by an administrator, refusing a stale row_version.
create or replace function private.lock_service_for_change(p_service_id uuid, p_expected_row_version int) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: called from the definer RPCs below; reads services without a write policy.
declare
  service public.services;
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
    raise exception using errcode = 'PT409', message = 'stale_service',
      detail = jsonb_build_object('row_version', service.row_version)::text,
      hint = '服务已被他人修改，请刷新后重试 / Someone else changed this service; reload and try again';
  end if;
  return service;
end;
$$;
-- end routine

-- routine: supabase/routines/public/save_service_draft.sql
-- The designer's save: keeps an unpublished copy; records are untouched until publish.
create or replace function public.save_service_draft(p_service_id uuid, p_draft jsonb, p_expected_row_version int) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: services has no write policies; lock_service_for_change checks the caller.
declare
  service public.services := private.lock_service_for_change(p_service_id, p_expected_row_version);
begin
  if p_draft ->> 'key' is distinct from service.key then
    perform private.raise_definition_invalid(jsonb_build_array(private.definition_error('key', 'key_changed', jsonb_build_object('key', service.key))));
  end if;
  update public.services
     set draft = p_draft,
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

-- routine: supabase/routines/public/publish_service.sql
-- Publishes a definition (or, when p_definition is null, the saved draft) as the next version.
-- Existing records keep the version they were created under.
create or replace function public.publish_service(p_service_id uuid, p_definition jsonb, p_expected_row_version int) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: services and service_versions have no write policies; this function is
-- the gate and checks the caller's administrator membership through lock_service_for_change.
declare
  service public.services := private.lock_service_for_change(p_service_id, p_expected_row_version);
  definition jsonb := coalesce(p_definition, service.draft);
  errors jsonb;
begin
  errors := private.check_service_definition(definition);
  if jsonb_typeof(definition) = 'object' and definition ->> 'key' is distinct from service.key
     and not exists (select 1 from jsonb_array_elements(errors) e where e ->> 'path' = 'key') then
    errors := errors || private.definition_error('key', 'key_changed', jsonb_build_object('key', service.key));
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

-- routine: supabase/routines/private/install_service_template.sql
-- Installs or updates a built-in template (seed files, generated from resources/services):
-- creates the service on first install and publishes a new version only when it changed.
create or replace function private.install_service_template(p_definition jsonb, p_owner_org_unit_id uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
-- security definer: runs from seed files without a signed-in user.
declare
  errors jsonb := private.check_service_definition(p_definition);
  service public.services;
begin
  if jsonb_array_length(errors) > 0 then
    perform private.raise_definition_invalid(errors);
  end if;
  select * into service from public.services where key = p_definition ->> 'key';
  if service.id is null then
    insert into public.services (key, name, owner_org_unit_id)
    values (p_definition ->> 'key', p_definition ->> 'name', p_owner_org_unit_id)
    returning * into service;
  end if;
  if not exists (select 1 from public.service_versions
                  where service_id = service.id and version = service.current_version and definition = p_definition) then
    perform private.publish_definition(service.id, p_definition, null);
  end if;
  return service.id;
end;
$$;
-- end routine

revoke execute on function public.create_service(jsonb, uuid), public.save_service_draft(uuid, jsonb, int),
  public.publish_service(uuid, jsonb, int) from public, anon;
grant execute on function public.create_service(jsonb, uuid), public.save_service_draft(uuid, jsonb, int),
  public.publish_service(uuid, jsonb, int) to authenticated, service_role;
revoke execute on function private.can_administer_unit(uuid), private.publish_definition(uuid, jsonb, uuid),
  private.lock_service_for_change(uuid, int), private.install_service_template(jsonb, uuid) from public, anon;
grant execute on function private.can_administer_unit(uuid) to authenticated, service_role;

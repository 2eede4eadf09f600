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
    ('resident_field_once', '只能有一个“居民”字段：记录只关联一位居民', 'Only one resident field: a record links to one resident'),
    ('unknown_property', '未知的属性 "{key}"（拼写错误？）', 'Unknown property "{key}" (a typo?)'),
    ('tags_need_resident_field', '写入居民档案需要表单中有“居民”字段：记录须关联一位居民', 'Writing tags to the registry needs a resident field: the record must link to a person'),
    ('tag_derived', '标签“{tag}”由出生日期自动得出，流转不能设置或结束它', 'Tag "{tag}" follows from the birth date; a transition cannot set or end it'),
    ('reuse_type', '“{type}”类型的字段不能沿用上次申请：居民字段由选择的居民决定', 'A {type} field cannot be reused from the last application: the resident field is the person picked'),
    ('reuse_conflict', '计算字段或从居民档案预填的字段不能再沿用上次申请', 'A derived field, or one pre-filled from the registry, cannot also be reused from the last application'),
    ('reuse_needs_resident_field', '沿用上次申请需要表单中有“居民”字段：上次申请按同一居民查找', 'Reusing the last application needs a resident field: the last application is found by the person'),
    ('prefill_type', '居民档案的“{attribute}”不能填入“{type}”类型的字段（可用：{types}）', 'The registry''s {attribute} cannot fill a {type} field (use: {types})'),
    ('permission_needs_read', '角色 "{role}" 有“{action_zh}”权限却没有“查看”：{action_zh}需要先能查看记录',
     'Role "{role}" has {action} but not read: {action} needs read'),
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

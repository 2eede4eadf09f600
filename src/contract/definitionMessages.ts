/**
 * Bilingual messages for problems in a service DEFINITION (not in record data; those are
 * validationCodes.ts). Zod schemas carry one of these keys as their message; the translator
 * in services/definitionErrors.ts turns it into zh/en text with the params
 * (renderMessage). The database words them the same (private.definition_error).
 */
export const definitionMessages = {
  // generic, chosen by the translator from the zod issue code
  required: { zh: "缺少必填项", en: "Required" },
  wrong_type: { zh: "类型错误，应为{expected_zh}", en: "Expected {expected}" },
  unknown_property: { zh: '未知的属性 "{key}"（拼写错误？）', en: 'Unknown property "{key}" (a typo?)' },
  invalid_value: { zh: "取值无效，可选：{values}", en: "Invalid value, expected one of: {values}" },
  empty: { zh: "不能为空", en: "Must not be empty" },
  too_short: { zh: "至少需要 {minimum} 个字符", en: "Needs at least {minimum} characters" },
  too_long: { zh: "不能超过 {maximum} 个字符", en: "At most {maximum} characters" },
  too_few: { zh: "至少需要 {minimum} 项", en: "Needs at least {minimum} items" },
  too_many: { zh: "最多 {maximum} 项", en: "At most {maximum} items" },
  too_small: { zh: "不能小于 {minimum}", en: "Must be at least {minimum}" },
  too_big: { zh: "不能大于 {maximum}", en: "Must be at most {maximum}" },
  invalid_format: { zh: "格式不正确", en: "Invalid format" },
  // specific, named by schemas
  key_format: {
    zh: "键名只能使用小写字母、数字和下划线，并以字母开头",
    en: "Keys use lower-case letters, digits and underscores, and start with a letter",
  },
  role_key_format: {
    zh: "角色键名只能使用小写字母、数字和下划线，并以字母开头",
    en: "Role keys use lower-case letters, digits and underscores, and start with a letter",
  },
  unknown_field_type: { zh: '未知的字段类型 "{type}"', en: 'Unknown field type "{type}"' },
  select_options_min: { zh: "下拉字段至少需要一个选项", en: "A select field needs at least one option" },
  duplicate_option: { zh: '选项值 "{value}" 重复', en: 'Duplicate option value "{value}"' },
  pattern_invalid: { zh: "不是有效的正则表达式", en: "Not a valid regular expression" },
  range_order: { zh: "最小值不能大于最大值", en: "The minimum cannot be greater than the maximum" },
  date_limit_format: { zh: "应为 YYYY-MM-DD 或 today", en: 'Expected YYYY-MM-DD or "today"' },
  color_format: {
    zh: "颜色应为 antd 预设颜色名或 #RRGGBB",
    en: "Colours are an antd preset name or #RRGGBB",
  },
  sub_table_column_type: {
    zh: '子表列不支持类型 "{type}"',
    en: 'Sub-table columns cannot have type "{type}"',
  },
  condition_value_required: { zh: "此运算需要比较值 value", en: "This operator needs a value" },
  condition_value_array: { zh: "in / nin 的比较值必须是数组", en: "The value of in / nin must be an array" },
  condition_value_scalar: {
    zh: "此运算的比较值必须是单个文本、数字或布尔值",
    en: "This operator compares with a single string, number or boolean",
  },
  condition_value_forbidden: { zh: "empty / not_empty 不需要比较值", en: "empty / not_empty take no value" },
  duplicate_key: { zh: '键名 "{key}" 重复', en: 'Duplicate key "{key}"' },
  reserved_key: { zh: '"{key}" 是系统列名，不能用作字段键名', en: '"{key}" is a system column and cannot be a field key' },
  unknown_field_ref: { zh: '引用的字段 "{field}" 不存在', en: 'Refers to a field "{field}" that does not exist' },
  self_reference: { zh: "条件不能引用字段自身", en: "A condition cannot refer to its own field" },
  condition_cycle: { zh: "显示条件形成循环：{cycle}", en: "Visibility conditions form a cycle: {cycle}" },
  sensitive_controls_field: {
    zh: '敏感字段 "{field}" 不能作为 "{controlled}" 的条件（{condition}）：该字段是否显示或必填会泄露被遮挡的值',
    en: 'Sensitive field "{field}" cannot be the condition of "{controlled}" ({condition}): whether that field is shown or required would reveal the masked value',
  },
  derive_target_type: { zh: "{fn} 的计算结果不能存入“{type}”类型的字段", en: "The result of {fn} cannot be stored in a {type} field" },
  derive_source_type: {
    zh: '{fn} 不能从字段 "{field}"（{type}）计算',
    en: '{fn} cannot be computed from field "{field}" ({type})',
  },
  derive_sex_options: { zh: "由身份证号计算性别的下拉字段须有 male 和 female 两个选项", en: "A select derived as sex needs the options male and female" },
  derive_birth_date_sensitive: {
    zh: '由敏感字段 "{field}" 计算的出生日期也必须标记为敏感：否则会泄露身份证号被遮挡的出生日期',
    en: 'A birth date computed from the sensitive field "{field}" must be sensitive too: otherwise it reveals the masked digits of the ID number',
  },
  derive_default: { zh: "计算字段不能有默认值", en: "A derived field cannot have a default" },
  derive_cycle: { zh: "计算字段形成循环：{cycle}", en: "Derived fields form a cycle: {cycle}" },
  default_type: {
    zh: "默认值不适用于“{type}”类型：当前用户只用于人员字段，now 用于日期时间，today 用于日期",
    en: "This default does not fit a {type} field: currentUser is for user fields, now for date-times, today for dates",
  },
  record_unit_type: { zh: "只有单位字段（org_unit）能作为记录所属单位", en: "Only an org_unit field can be the record's unit" },
  record_unit_once: { zh: "只能有一个字段作为记录所属单位", en: "Only one field can be the record's unit" },
  resident_field_once: { zh: "只能有一个“居民”字段：记录只关联一位居民", en: "Only one resident field: a record links to one resident" },
  tags_need_resident_field: {
    zh: "写入居民档案需要表单中有“居民”字段：记录须关联一位居民",
    en: "Writing tags to the registry needs a resident field: the record must link to a person",
  },
  tag_derived: {
    zh: "标签“{tag}”由出生日期自动得出，流转不能设置或结束它",
    en: 'Tag "{tag}" follows from the birth date; a transition cannot set or end it',
  },
  reuse_type: {
    zh: "“{type}”类型的字段不能沿用上次申请：居民字段由选择的居民决定",
    en: "A {type} field cannot be reused from the last application: the resident field is the person picked",
  },
  reuse_conflict: {
    zh: "计算字段或从居民档案预填的字段不能再沿用上次申请",
    en: "A derived field, or one pre-filled from the registry, cannot also be reused from the last application",
  },
  reuse_needs_resident_field: {
    zh: "沿用上次申请需要表单中有“居民”字段：上次申请按同一居民查找",
    en: "Reusing the last application needs a resident field: the last application is found by the person",
  },
  prefill_type: {
    zh: "居民档案的“{attribute}”不能填入“{type}”类型的字段（可用：{types}）",
    en: "The registry's {attribute} cannot fill a {type} field (use: {types})",
  },
  unknown_column: {
    zh: '"{column}" 既不是字段也不是系统列',
    en: '"{column}" is neither a field nor a system column',
  },
  not_searchable: { zh: '字段 "{field}" 不是文本类字段，不能搜索', en: 'Field "{field}" is not text and cannot be searched' },
  not_filterable: { zh: '字段 "{field}" 不支持筛选', en: 'Field "{field}" cannot be filtered' },
  unknown_state: { zh: '状态 "{state}" 不存在', en: 'State "{state}" does not exist' },
  initial_terminal: { zh: "初始状态不能是终止状态", en: "The initial state cannot be terminal" },
  terminal_outgoing: {
    zh: '终止状态 "{state}" 不能有流出的流转',
    en: 'Terminal state "{state}" cannot have outgoing transitions',
  },
  unit_code_format: { zh: "单位代码应为 6、9、12 或 15 位数字", en: "A unit code has 6, 9, 12 or 15 digits" },
  escalation_choice_empty: {
    zh: "选择上报单位时需给出可选层级 levels 或单位 units",
    en: "An escalation to a chosen unit needs levels or units",
  },
  set_value_or_from: { zh: "赋值需给出 value 或 from 之一", en: "An assignment takes either value or from" },
  set_map_target_level: { zh: "map 只能与 from: target_level 一起使用", en: "map goes only with from: target_level" },
  unknown_transition_ref: { zh: '引用的流转 "{transition}" 不存在', en: 'Refers to a transition "{transition}" that does not exist' },
  staged_field_required: {
    zh: "分阶段填写的字段不能设为必填，请在对应流转的 requireFields 中要求它",
    en: "A staged field cannot be required; list it in its transition's requireFields",
  },
  require_field_stage: {
    zh: '字段 "{field}" 不在此流转填写（应为登记时填写，或其 stage 包含此流转）',
    en: 'Field "{field}" is not filled at this transition (make it an intake field or add this transition to its stage)',
  },
  target_level_without_escalation: {
    zh: "只有上报类流转（escalate）才能写入目标层级",
    en: "Only an escalating transition can write the target level",
  },
  sensitive_purpose_required: {
    zh: "敏感字段必须说明收集目的（个人信息保护法）",
    en: "A sensitive field must state why it is collected (PIPL)",
  },
  permission_needs_read: {
    zh: '角色 "{role}" 有“{action_zh}”权限却没有“查看”：{action_zh}需要先能查看记录',
    en: 'Role "{role}" has {action} but not read: {action} needs read',
  },
  group_by_required: { zh: "图表需要指定分组方式 groupBy", en: "A chart needs a groupBy" },
  group_by_forbidden: { zh: "指标卡不能分组", en: "A metric widget cannot have a groupBy" },
  unknown_group_by: {
    zh: '分组 "{groupBy}" 不是字段，也不是 status / org_unit / created_month',
    en: 'groupBy "{groupBy}" is not a field, status, org_unit or created_month',
  },
} as const;

export type DefinitionMessageKey = keyof typeof definitionMessages;

/** Schema option that names a message key, typed so a misspelt key fails to compile. */
export function msg(key: DefinitionMessageKey): { error: DefinitionMessageKey } {
  return { error: key };
}

export function isDefinitionMessageKey(value: string): value is DefinitionMessageKey {
  return Object.hasOwn(definitionMessages, value);
}

-- Checks and normalises one row of a residents import before anything is written, so that a row
-- gets every problem the database can tell from its values alone, not only the first one the
-- registry's trigger would raise. Returns {issues: [{column, code, hint}], id_number: the
-- 18-character number or null, values: the row's attributes as the registry takes them}.
-- * id_number: required (the upsert key); normalised and checked as residents_before_write does
--   (the same codes and words: id_number_invalid, id_number_check_failed).
-- * Text cells: tidied; empty = not given (an empty cell never clears a stored value).
-- * hukou_region: a 6-digit GB/T 2260 county code or a 12-digit township/village code
--   (hukou_region_invalid), hukou_address text (the trigger's length rule).
-- * phone: phone_invalid when it is no mobile, landline or international number.
-- * sex: 1/2 or 男/女 (GB/T 2261.1), only checked against the number (resident_sex_mismatch):
--   the registry derives it.
-- * Codes (ethnicity, political_status, marital_status): the code or its Chinese label
--   (resident_codes), else resident_code_invalid naming the standard.
-- * grid_org_unit_id: a unit's uuid or its code; registry_unit_invalid when neither names a unit.
-- * household_number (户号) and relation (与户主关系, GB/T 4761, code or Chinese label): given
--   together or not at all (household_relation_required / household_number_required); the
--   household is found or registered by import_resident_row.
-- * tags: an array (or a text separated by 、,，;；) of tag kinds, by key or Chinese label:
--   resident_tag_unknown, resident_tag_derived (age tags follow from the birth date).
-- * Any other key: import_column_unknown (a mapping the database does not know).
-- p_lookups (resident_import_lookups, built once per call): the code lists, tag kinds and units
-- as maps, so that a row costs no query of its own (each would pass the tables' RLS again).
create or replace function private.resident_import_values(p_values jsonb, p_lookups jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  issues jsonb := '[]';
  out jsonb := '{}';
  raw_id text;
  typed text;
  v text;
  code text;
  code_list text;
  unit uuid;
  tag text;
  tag_key text;
  tag_keys jsonb := '[]';
  key text;
begin
  if jsonb_typeof(p_values) is distinct from 'object' then
    return jsonb_build_object('issues', jsonb_build_array(jsonb_build_object('column', '', 'code', 'row_invalid',
      'hint', '此行没有可导入的数据 / This row has no values to import')), 'id_number', null, 'values', '{}'::jsonb);
  end if;
  for key in select jsonb_object_keys(p_values) loop
    if key not in ('name', 'id_number', 'phone', 'sex', 'ethnicity', 'political_status', 'marital_status', 'address', 'grid_org_unit_id', 'tags',
                   'hukou_region', 'hukou_address', 'household_number', 'relation') then
      issues := issues || jsonb_build_object('column', key, 'code', 'import_column_unknown',
        'hint', format('“%s”不是居民档案的字段 / "%s" is not an attribute of the resident registry', key, key));
    end if;
  end loop;

  typed := nullif(private.tidy_text(p_values ->> 'id_number'), '');
  raw_id := private.normalized_id_number(typed);
  if typed is null then
    issues := issues || jsonb_build_object('column', 'id_number', 'code', 'id_number_required',
      'hint', '请填写身份证号：导入按身份证号登记或更新居民 / Enter the ID number: the import registers or updates people by their ID number');
  elsif raw_id is null then
    issues := issues || jsonb_build_object('column', 'id_number', 'code', 'id_number_invalid',
      'hint', '身份证号应为 18 位（末位可为 X）或旧式 15 位数字 / An ID number has 18 characters (the last may be X), or 15 digits in the old form');
  elsif private.id_number_check_char(raw_id) <> right(raw_id, 1) then
    issues := issues || jsonb_build_object('column', 'id_number', 'code', 'id_number_check_failed',
      'hint', '身份证号校验位不符，请核对号码 / The ID number''s check character does not match: check the number');
    raw_id := null;
  elsif not private.is_valid_id_number(raw_id, private.local_today()) then
    issues := issues || jsonb_build_object('column', 'id_number', 'code', 'id_number_invalid',
      'hint', '身份证号中的出生日期无效 / The birth date in the ID number is not a valid date');
    raw_id := null;
  end if;

  foreach key in array array['name', 'address', 'hukou_address', 'hukou_region'] loop
    v := nullif(private.tidy_text(p_values ->> key), '');
    if v is not null then
      out := out || jsonb_build_object(key, v);
    end if;
  end loop;

  -- the registry trigger's rule (residents_before_write), reported on its column before the write
  if out ->> 'hukou_region' !~ '^[1-9][0-9]{5}([0-9]{6})?$' then
    issues := issues || jsonb_build_object('column', 'hukou_region', 'code', 'hukou_region_invalid',
      'hint', '户籍地区划代码应为 6 位县级代码（GB/T 2260，如 433101）或 12 位乡镇、村（社区）代码 / '
              || 'The hukou region code is a 6-digit county code (GB/T 2260, e.g. 433101) or a 12-digit township and village (community) code');
    out := out - 'hukou_region';
  end if;

  v := nullif(private.tidy_text(p_values ->> 'phone'), '');
  if v is not null then
    if private.resident_phone(v) is null then
      issues := issues || jsonb_build_object('column', 'phone', 'code', 'phone_invalid',
        'hint', '请填写 11 位手机号或带区号的固定电话（如 0743-8221234） / Enter an 11-digit mobile number or a landline with its area code (e.g. 0743-8221234)');
    else
      out := out || jsonb_build_object('phone', v);
    end if;
  end if;

  v := nullif(private.tidy_text(p_values ->> 'sex'), '');
  if v is not null then
    code := case when v in ('1', '男', '男性') then '1' when v in ('2', '女', '女性') then '2' end;
    if code is null or (raw_id is not null and code <> case when substr(raw_id, 17, 1)::int % 2 = 1 then '1' else '2' end) then
      issues := issues || jsonb_build_object('column', 'sex', 'code', 'resident_sex_mismatch',
        'hint', '性别与身份证号不符（性别由身份证号第 17 位得出） / The sex does not match the ID number (it follows from its 17th digit)');
    end if;
  end if;

  foreach code_list in array array['ethnicity', 'political_status', 'marital_status'] loop
    v := nullif(private.tidy_text(p_values ->> code_list), '');
    continue when v is null;
    code := p_lookups #>> array['codes', code_list, v];
    if code is null then
      issues := issues || jsonb_build_object('column', code_list, 'code', 'resident_code_invalid',
        'hint', format('“%s”不是有效的%s代码 / "%s" is not a valid %s code', v,
          case code_list when 'ethnicity' then '民族（GB/T 3304）' when 'political_status' then '政治面貌（GB/T 4762）' else '婚姻状况（GB/T 2261.2）' end, v,
          case code_list when 'ethnicity' then 'ethnicity (GB/T 3304)' when 'political_status' then 'political status (GB/T 4762)' else 'marital status (GB/T 2261.2)' end));
    else
      out := out || jsonb_build_object(code_list, code);
    end if;
  end loop;

  v := nullif(private.tidy_text(p_values ->> 'household_number'), '');
  if char_length(v) > 30 then
    issues := issues || jsonb_build_object('column', 'household_number', 'code', 'text_too_long',
      'hint', '户号最多 30 个字符 / A household number has at most 30 characters');
  elsif v is not null then
    out := out || jsonb_build_object('household_number', v);
  end if;
  v := nullif(private.tidy_text(p_values ->> 'relation'), '');
  if v is not null then
    code := p_lookups #>> array['codes', 'household_relation', v];
    if code is null then
      issues := issues || jsonb_build_object('column', 'relation', 'code', 'resident_code_invalid',
        'hint', format('“%s”不是有效的与户主关系代码（GB/T 4761） / "%s" is not a valid relation to the head of household (GB/T 4761)', v, v));
    else
      out := out || jsonb_build_object('relation', code);
    end if;
  end if;
  if out ? 'household_number' and not out ? 'relation' and not issues @> '[{"column": "relation"}]' then
    issues := issues || jsonb_build_object('column', 'relation', 'code', 'household_relation_required',
      'hint', '填写户号时请填写与户主关系（户主填“户主”） / With a household number, give the relation to the head (户主 for the head)');
  elsif out ? 'relation' and not out ? 'household_number' and not issues @> '[{"column": "household_number"}]' then
    issues := issues || jsonb_build_object('column', 'household_number', 'code', 'household_number_required',
      'hint', '填写与户主关系时请填写户号 / With a relation to the head, give the household number');
  end if;

  v := nullif(private.tidy_text(p_values ->> 'grid_org_unit_id'), '');
  if v is not null then
    unit := (p_lookups #>> array['units', v])::uuid;
    if unit is null then
      issues := issues || jsonb_build_object('column', 'grid_org_unit_id', 'code', 'registry_unit_invalid',
        'hint', '请选择居住的网格（或社区）/ Choose the grid (or community) the person lives in');
    else
      out := out || jsonb_build_object('grid_org_unit_id', unit);
    end if;
  end if;

  if jsonb_typeof(p_values -> 'tags') in ('array', 'string') then
    for tag in
      select nullif(private.tidy_text(t), '')
        from jsonb_array_elements_text(case when jsonb_typeof(p_values -> 'tags') = 'array' then p_values -> 'tags' else '[]' end) t
      union all
      select nullif(private.tidy_text(t), '')
        from regexp_split_to_table(case when jsonb_typeof(p_values -> 'tags') = 'string' then p_values ->> 'tags' end, '[、,，;；]+') t
    loop
      continue when tag is null;
      tag_key := p_lookups #>> array['tags', tag, 'key'];
      code := p_lookups #>> array['tags', tag, 'derived'];
      if tag_key is null then
        issues := issues || jsonb_build_object('column', 'tags', 'code', 'resident_tag_unknown',
          'hint', format('没有“%s”这种标签 / There is no tag "%s"', tag, tag));
      elsif code = 'true' then
        issues := issues || jsonb_build_object('column', 'tags', 'code', 'resident_tag_derived',
          'hint', '年龄类标签由出生日期自动得出，不能手工添加 / Age tags follow from the birth date and are not added by hand');
      elsif not tag_keys ? tag_key then
        tag_keys := tag_keys || to_jsonb(tag_key);
      end if;
    end loop;
    out := out || jsonb_build_object('tags', tag_keys);
  elsif jsonb_typeof(p_values -> 'tags') not in ('null') then
    issues := issues || jsonb_build_object('column', 'tags', 'code', 'resident_tag_unknown',
      'hint', '标签应为标签名称的列表 / Tags are a list of tag names');
  end if;

  return jsonb_build_object('issues', issues, 'id_number', raw_id, 'values', out);
end;
$$;

revoke execute on function private.resident_import_values(jsonb, jsonb) from public, anon;
grant execute on function private.resident_import_values(jsonb, jsonb) to authenticated, service_role;

-- The words of src/services/validation-codes.ts, "中文 / English", {placeholders} filled.
create or replace function private.validation_message(code text, params jsonb default '{}') returns text
language plpgsql immutable set search_path = '' as $$
declare
  message text;
  param record;
begin
  message := case code
    when 'required' then '此项为必填项 / This field is required'
    when 'type' then '数据类型不正确 / The value has the wrong type'
    when 'choice' then '所选值不在可选项中 / The value is not one of the choices'
    when 'min' then '不能小于 {min} / Must be at least {min}'
    when 'max' then '不能大于 {max} / Must be at most {max}'
    when 'integer' then '必须是整数 / Must be a whole number'
    when 'precision' then '金额最多保留两位小数 / Amounts have at most two decimal places'
    when 'min_length' then '至少需要 {min} 个字符 / Must be at least {min} characters'
    when 'max_length' then '不能超过 {max} 个字符 / Must be at most {max} characters'
    when 'min_items' then '至少需要 {min} 项 / Needs at least {min} items'
    when 'max_items' then '最多 {max} 项 / At most {max} items'
    when 'pattern' then '格式不正确 / The format is not valid'
    when 'id_number' then '身份证号码无效（请核对位数、出生日期和校验位） / Invalid ID number (check the length, birth date and check digit)'
    when 'phone' then '电话号码格式不正确 / Invalid phone number'
    when 'date' then '日期无效，应为 YYYY-MM-DD / Invalid date, expected YYYY-MM-DD'
    when 'datetime' then '日期时间无效 / Invalid date and time'
    when 'file_type' then '文件类型不允许 / This file type is not allowed'
    when 'file_size' then '文件不能超过 {max} MB / The file must be at most {max} MB'
    when 'unknown_field' then '表单中没有此字段 / This field is not part of the form'
    when 'rule' then '{message} / {message_en}'
    else code
  end;
  for param in select key, value from jsonb_each(coalesce(params, '{}')) loop
    message := replace(message, '{' || param.key || '}', param.value #>> '{}');
  end loop;
  return message;
end;
$$;

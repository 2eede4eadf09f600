-- BEFORE INSERT OR UPDATE on public.residents: the database's own rules for a person, whatever
-- the client sent.
-- * scope first (check_registry_scope): outside it nothing else is looked at;
-- * optimistic concurrency on UPDATE (next_registry_version); system columns fixed here;
-- * name tidied and required; address and 户籍地址 (hukou_address) tidied; codes on their national
--   lists; the 户籍地 code (hukou_region) a GB/T 2260 county code (6 digits) or a unit code of
--   the statistics bureau's division (12 digits: county + 乡/街道 + 村/社区), checked by shape
--   only (domain.md §3: codes retired from the current list are still on people's records);
-- * ID number: normalised (trim, x → X, 15 → 18 digits), check character and birth date
--   verified (GB 11643), sex (GB/T 2261.1: 1 male, 2 female) and birth year derived from it;
--   the raw number goes to private.resident_sensitive_values, the row keeps only its mask; an
--   ID number another resident holds is refused (resident_exists), naming them only if the
--   caller may see them. Unchanged when the client sends back the mask it read.
-- * phone: stored form (resident_phone) kept privately, the row holds its mask; the mask sent
--   back leaves it unchanged, null or blank removes it.
-- * every change is an event (append_resident_event), masks only. The event is written here,
--   not in an AFTER trigger, because only here is it known whether a number changed behind an
--   equal mask (resident_events.resident_id is a deferred foreign key for the insert case).
create or replace function private.residents_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  is_insert boolean := tg_op = 'INSERT';
  id_changed boolean := tg_op = 'INSERT' or new.id_number is distinct from old.id_number;
  phone_changed boolean := tg_op = 'INSERT' or new.phone is distinct from old.phone;
  raw_id text;
  raw_phone text;
  holder uuid;
  tracked text[] := array['name', 'id_number', 'sex', 'birth_year', 'phone', 'ethnicity', 'political_status', 'marital_status',
                          'address', 'grid_org_unit_id', 'hukou_region', 'hukou_address'];
  diff jsonb;
begin
  perform private.check_registry_scope(new.grid_org_unit_id);
  if is_insert then
    new.row_version := 1;
    new.created_at := now();
    new.created_by := (select auth.uid());
  else
    new.row_version := private.next_registry_version(old.row_version, new.row_version);
    new.id := old.id;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
    new.is_synthetic := old.is_synthetic;
  end if;
  new.updated_at := now();
  new.updated_by := (select auth.uid());

  new.name := private.tidy_text(new.name);
  if coalesce(new.name, '') = '' then
    perform private.raise_record_error('PT400', 'resident_name_required', '请填写姓名 / Enter the name', '{"field": "name"}');
  elsif char_length(new.name) > 60 then
    perform private.raise_record_error('PT400', 'text_too_long',
      format('姓名过长：最多 60 个字，现为 %s 个字 / The name is too long: at most 60 characters, this has %s', char_length(new.name), char_length(new.name)),
      jsonb_build_object('field', 'name', 'maximum', 60, 'length', char_length(new.name)));
  end if;
  new.address := nullif(private.tidy_text(new.address), '');
  if char_length(new.address) > 200 then
    perform private.raise_record_error('PT400', 'text_too_long',
      format('地址过长：最多 200 个字，现为 %s 个字 / The address is too long: at most 200 characters, this has %s', char_length(new.address), char_length(new.address)),
      jsonb_build_object('field', 'address', 'maximum', 200, 'length', char_length(new.address)));
  end if;
  new.hukou_address := nullif(private.tidy_text(new.hukou_address), '');
  if char_length(new.hukou_address) > 200 then
    perform private.raise_record_error('PT400', 'text_too_long',
      format('户籍地址过长：最多 200 个字，现为 %s 个字 / The registered (hukou) address is too long: at most 200 characters, this has %s',
             char_length(new.hukou_address), char_length(new.hukou_address)),
      jsonb_build_object('field', 'hukou_address', 'maximum', 200, 'length', char_length(new.hukou_address)));
  end if;
  new.hukou_region := nullif(btrim(new.hukou_region), '');
  if new.hukou_region !~ '^[1-9][0-9]{5}([0-9]{6})?$' then
    perform private.raise_record_error('PT400', 'hukou_region_invalid',
      '户籍地区划代码应为 6 位县级代码（GB/T 2260，如 433101）或 12 位乡镇、村（社区）代码 / '
      || 'The hukou region code is a 6-digit county code (GB/T 2260, e.g. 433101) or a 12-digit township and village (community) code',
      '{"field": "hukou_region"}');
  end if;
  perform private.check_resident_code('ethnicity', new.ethnicity);
  perform private.check_resident_code('political_status', new.political_status);
  perform private.check_resident_code('marital_status', new.marital_status);

  if id_changed then
    raw_id := private.normalized_id_number(new.id_number);
    if raw_id is null then
      perform private.raise_record_error('PT400', 'id_number_invalid',
        '身份证号应为 18 位（末位可为 X）或旧式 15 位数字 / An ID number has 18 characters (the last may be X), or 15 digits in the old form',
        '{"field": "id_number"}');
    elsif private.id_number_check_char(raw_id) <> right(raw_id, 1) then
      perform private.raise_record_error('PT400', 'id_number_check_failed',
        '身份证号校验位不符，请核对号码 / The ID number''s check character does not match: check the number',
        '{"field": "id_number"}');
    elsif not private.is_valid_id_number(raw_id, private.local_today()) then
      perform private.raise_record_error('PT400', 'id_number_invalid',
        '身份证号中的出生日期无效 / The birth date in the ID number is not a valid date',
        '{"field": "id_number"}');
    end if;
    -- the full number the person already has: no change
    id_changed := is_insert or not private.resident_holds_value(new.id, 'id_number', raw_id);
  end if;
  if id_changed then
    new.id_number := private.mask_id_number(raw_id);
    new.sex := case when substr(raw_id, 17, 1)::int % 2 = 1 then '1' else '2' end;
    new.birth_year := substr(raw_id, 7, 4)::int;
  else
    raw_id := null;
    new.id_number := old.id_number;
    new.sex := old.sex;
    new.birth_year := old.birth_year;
  end if;
  if phone_changed then
    if coalesce(private.tidy_text(new.phone), '') <> '' then
      raw_phone := private.resident_phone(new.phone);
      if raw_phone is null then
        perform private.raise_record_error('PT400', 'phone_invalid',
          '请填写 11 位手机号或带区号的固定电话（如 0743-8221234） / Enter an 11-digit mobile number or a landline with its area code (e.g. 0743-8221234)',
          '{"field": "phone"}');
      end if;
    end if;
    phone_changed := is_insert or not private.resident_holds_value(new.id, 'phone', raw_phone);
    new.phone := case when phone_changed then private.mask_phone(raw_phone) else old.phone end;
  end if;
  if id_changed or phone_changed then
    holder := private.store_resident_sensitive_values(is_insert, new.id, raw_id, phone_changed, raw_phone);
    if holder is not null then
      perform private.raise_record_error('PT409', 'resident_exists',
        '该身份证号已登记，一人只登记一次 / This ID number is already registered: a person is registered once',
        jsonb_build_object('field', 'id_number',
          'resident_id', case when exists (select 1 from public.residents r where r.id = holder) then holder end));
    end if;
  end if;

  diff := private.data_diff(
    case when is_insert then '{}'::jsonb else (select jsonb_object_agg(k, to_jsonb(old) -> k) from unnest(tracked) k) end,
    (select jsonb_object_agg(k, to_jsonb(new) -> k) from unnest(tracked) k));
  if is_insert then
    diff := (select coalesce(jsonb_object_agg(d.key, d.value), '{}') from jsonb_each(diff) d where d.value ->> 1 is not null);
  elsif id_changed and not diff ? 'id_number' then
    -- a new number behind the same mask is still a change
    diff := diff || jsonb_build_object('id_number', jsonb_build_array(old.id_number, new.id_number));
  end if;
  if is_insert or diff <> '{}'::jsonb then
    perform private.append_resident_event(new.id, null, case when is_insert then 'created' else 'updated' end, diff);
  end if;
  return new;
end;
$$;

revoke execute on function private.residents_before_write() from public, anon;

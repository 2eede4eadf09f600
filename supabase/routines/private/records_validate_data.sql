-- BEFORE INSERT OR UPDATE of data: fill the definition's defaults on insert (not for imports,
-- whose records keep what they had), validate the raw answers against the record's own frozen
-- version (checked_record_data also recomputes derived values from the raw answers, before any
-- masking), then keep them masked in data and raw aside. On UPDATE, answers sent back as stored
-- (masked) first get their raw value back, so they are validated and kept as they were, and the
-- record-unit answer may not change. Last, the answers the service indexes are copied to their
-- typed slot columns (indexed_answers), which lists filter and sort on.
create or replace function private.records_validate_data() returns trigger
language plpgsql set search_path = '' as $$
declare
  version record;
  unit_field text;
  indexed jsonb;
begin
  select v.definition, v.sensitive_fields into version
    from public.service_versions v where v.service_id = new.service_id and v.version = new.service_version;
  select s.indexed_fields into indexed from public.services s where s.id = new.service_id;
  -- The record-unit answer is where the record is (set on insert; escalation moves org_unit_id
  -- instead): an edit may not change it, whatever the form shows.
  if tg_op = 'UPDATE' and private.record_write_mode() <> 'import' then
    unit_field := private.record_unit_field(version.definition);
    if unit_field is not null and new.data -> unit_field is distinct from old.data -> unit_field then
      raise exception using errcode = 'PT400', message = 'record_unit_fixed',
        hint = '记录所属单位在提交时确定，不能修改；需要移交请使用流程操作 / The record''s unit is set when it is filed and cannot be edited; use a workflow action to hand it on';
    end if;
  end if;
  if tg_op = 'UPDATE' and version.sensitive_fields <> '[]'::jsonb then
    new.data := private.restore_kept_answers(version.sensitive_fields, new.data, old.data, private.sensitive_answers_of(old.id));
  end if;
  if tg_op = 'INSERT' and private.record_write_mode() <> 'import' then
    new.data := private.fill_record_defaults(version.definition, new.data);
  end if;
  new.data := private.checked_record_data(version.definition, new.data);
  if version.sensitive_fields <> '[]'::jsonb then
    new.data := private.store_sensitive_answers(tg_op = 'INSERT', new.id, version.sensitive_fields, new.data);
  end if;
  new := jsonb_populate_record(new, private.indexed_answers(new.data, indexed));
  return new;
end;
$$;

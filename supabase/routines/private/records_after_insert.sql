-- AFTER INSERT: the first history entry. A record created by a records import (import_records
-- sets app.record_import_batch for its transaction) says so in that entry's comment, with the
-- batch id, since record_events has no source of its own.
create or replace function private.records_after_insert() returns trigger
language plpgsql set search_path = '' as $$
declare
  batch text := nullif(current_setting('app.record_import_batch', true), '');
begin
  perform private.append_record_event(new, 'created', p_to_status => new.status, p_actor => new.created_by, p_at => new.created_at,
    p_comment => case when batch is not null then format('从表格导入（批次 %s） / Imported from a sheet (batch %s)', batch, batch) end);
  return null;
end;
$$;

-- Stores the raw sensitive answers of checked data and returns the data to keep in
-- records.data (masked).
-- security definer: only this function writes record_sensitive_values. It runs inside the
-- records triggers; the trigger decides the data (validated) and the record (the row itself).
create or replace function private.store_sensitive_answers(p_is_insert boolean, p_record_id uuid, p_fields jsonb, p_data jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  split record := private.split_sensitive_answers(p_fields, p_data);
begin
  if split.raw = '{}'::jsonb then
    if not p_is_insert then
      delete from private.record_sensitive_values where record_id = p_record_id;
    end if;
  elsif p_is_insert then
    -- An INSERT … ON CONFLICT DO NOTHING naming an existing record's id runs this trigger and
    -- then inserts nothing: it must not get to attach raw answers to somebody else's record.
    if exists (select 1 from public.records r where r.id = p_record_id) then
      raise exception using errcode = 'PT409', message = 'record_exists',
        hint = '记录已存在 / A record with this id already exists';
    end if;
    insert into private.record_sensitive_values (record_id, data) values (p_record_id, split.raw);
  else
    insert into private.record_sensitive_values (record_id, data) values (p_record_id, split.raw)
    on conflict (record_id) do update set data = excluded.data;
  end if;
  return split.masked;
end;
$$;

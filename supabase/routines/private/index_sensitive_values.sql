-- AFTER INSERT OR UPDATE on private.record_sensitive_values: the blind index of every raw answer
-- that is a full ID number or phone (top-level answers, and the cells of sub-table rows), so
-- search_records_by_value can find the record. Rewritten with the answers; deleted with them
-- (cascade from the record, or the delete of store_sensitive_answers). Each value is normalised
-- and hashed once (it runs on every write of a record with sensitive answers).
-- security definer: record_value_digests is written by nobody else.
create or replace function private.index_sensitive_values() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' then
    delete from private.record_value_digests where record_id = new.record_id;
  end if;
  insert into private.record_value_digests (record_id, field_key, digest)
  select distinct new.record_id, a.key, h.digest
    from jsonb_each(new.data) a
   cross join lateral (
     select a.value #>> '{}' as value where jsonb_typeof(a.value) = 'string'
     union all
     select c.value #>> '{}' from jsonb_array_elements(case when jsonb_typeof(a.value) = 'array' then a.value else '[]' end) r
      cross join lateral jsonb_each(case when jsonb_typeof(r) = 'object' then r else '{}' end) c
      where jsonb_typeof(c.value) = 'string'
   ) v
   cross join lateral (select private.blind_index(v.value) as digest) h
   where h.digest is not null;
  return null;
end;
$$;

revoke execute on function private.index_sensitive_values() from public, anon;

-- Keeps record_attachments equal to the files the record's data references. A record may
-- not newly reference a file someone else uploaded: naming a stranger's path in a record
-- would open that file to everyone who reads the record. (A path with no object yet can only
-- ever be filled by the user whose uid is its first folder, so it opens nothing.)
-- security definer: users cannot write record_attachments, and must not read others' objects.
create or replace function private.sync_record_attachments() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  wanted jsonb;
  missing jsonb;
begin
  select coalesce(jsonb_agg(jsonb_build_object('field_key', f ->> 'key', 'path', v ->> 'path', 'name', v ->> 'name',
                                               'size', coalesce((v ->> 'size')::bigint, 0), 'mime', coalesce(v ->> 'mime', ''))), '[]')
    into wanted
    from public.service_versions sv
   cross join lateral jsonb_array_elements(sv.definition -> 'fields') f
   cross join lateral jsonb_array_elements(case when jsonb_typeof(new.data -> (f ->> 'key')) = 'array' then new.data -> (f ->> 'key') else '[]' end) v
   where sv.service_id = new.service_id and sv.version = new.service_version
     and f ->> 'type' in ('attachment', 'image') and jsonb_typeof(v) = 'object' and v ? 'path';

  if wanted = '[]' and tg_op = 'INSERT' then
    return null;
  end if;

  select w into missing
    from jsonb_array_elements(wanted) w
   where not exists (select 1 from public.record_attachments a where a.record_id = new.id and a.path = w ->> 'path')
     and exists (select 1 from storage.objects o
                  where o.bucket_id = 'record-attachments' and o.name = w ->> 'path'
                    and o.owner_id is distinct from (select auth.uid())::text)
   limit 1;
  if missing is not null then
    raise exception using errcode = 'PT400', message = 'attachment_not_yours',
      detail = jsonb_build_array(jsonb_build_object('field', missing ->> 'field_key', 'code', 'attachment_not_yours',
                                                    'params', jsonb_build_object('path', missing ->> 'path')))::text,
      hint = '只能引用您自己上传的附件 / You can only attach files you uploaded';
  end if;

  delete from public.record_attachments a
   where a.record_id = new.id
     and not exists (select 1 from jsonb_array_elements(wanted) w where w ->> 'path' = a.path);
  insert into public.record_attachments (record_id, field_key, path, name, size, mime)
  select distinct on (w ->> 'path') new.id, w ->> 'field_key', w ->> 'path', w ->> 'name', (w ->> 'size')::bigint, w ->> 'mime'
    from jsonb_array_elements(wanted) w
  on conflict (record_id, path) do nothing;
  return null;
end;
$$;

-- Attachments of records: bytes in Storage bucket `record-attachments`, uploaded by a user
-- into their own folder (`<uid>/<uuid>/<ascii name>`), then referenced from a record's
-- attachment/image fields. `record_attachments` indexes those references so Storage can
-- authorise a download exactly as the record is authorised: who may read the record may
-- read its files; the uploader may read what they uploaded.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('record-attachments', 'record-attachments', false, 10 * 1024 * 1024,
        array['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf', 'text/plain',
              'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
              'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])
on conflict (id) do nothing;

create table public.record_attachments (
  record_id uuid not null references public.records (id) on delete cascade,
  field_key text not null,
  path text not null,
  name text not null,
  size bigint not null,
  mime text not null,
  created_at timestamptz not null default now(),
  primary key (record_id, path)
);
comment on table public.record_attachments is 'Files referenced by records, kept in step with records.data by a trigger; Storage policies read it.';
create index record_attachments_path_idx on public.record_attachments (path);

alter table public.record_attachments enable row level security;

create policy "Users can read attachments of records they can read"
on public.record_attachments for select to authenticated
using (exists (select 1 from public.records r where r.id = record_attachments.record_id));

-- routine: supabase/routines/private/sync_record_attachments.sql
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
-- end routine

create trigger records_sync_attachments
after insert or update of data on public.records
for each row execute function private.sync_record_attachments();

create policy "Users can upload record attachments into their own folder"
on storage.objects for insert to authenticated
with check (bucket_id = 'record-attachments' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Users can read their own uploads and files of records they can read"
on storage.objects for select to authenticated
using (
  bucket_id = 'record-attachments'
  and (owner_id = (select auth.uid())::text
       or exists (select 1 from public.record_attachments a where a.path = objects.name))
);

-- routine: supabase/routines/private/is_record_attachment.sql
-- security definer: "is this file referenced by any record" must see records the caller cannot.
create or replace function private.is_record_attachment(p_path text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.record_attachments where path = p_path)
$$;
-- end routine

-- Once a record references a file it is part of the record's history: only unreferenced
-- uploads (a form abandoned before saving) may be removed.
create policy "Users can remove their own uploads that no record references"
on storage.objects for delete to authenticated
using (
  bucket_id = 'record-attachments'
  and owner_id = (select auth.uid())::text
  and not private.is_record_attachment(objects.name)
);

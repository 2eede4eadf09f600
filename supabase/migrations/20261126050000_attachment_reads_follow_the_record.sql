-- Once a record references a file, reading it follows the record only. Before, the uploader
-- kept reading their uploads forever — also after their membership was suspended or removed,
-- which would leave ID scans readable by someone who no longer works on the records.
drop policy "Users can read their own uploads and files of records they can read" on storage.objects;

create policy "Users can read their unattached uploads and files of records they can read"
on storage.objects for select to authenticated
using (
  bucket_id = 'record-attachments'
  and ((owner_id = (select auth.uid())::text and not private.is_record_attachment(objects.name))
       or exists (select 1 from public.record_attachments a where a.path = objects.name))
);

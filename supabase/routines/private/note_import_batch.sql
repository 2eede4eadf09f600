-- Records a written chunk of an import in public.import_batches: the first chunk creates the
-- batch, later ones (same id, same user, target and service: check_import_batch) add their
-- counts. Called by the import RPCs only when the chunk was written, inside the same
-- transaction, so a rolled-back or killed import leaves no batch behind.
-- security definer: clients may only read their batches (no insert or update privilege).
create or replace function private.note_import_batch(
  p_batch_id uuid, p_target text, p_service_id uuid, p_file_name text, p_rows int, p_created int, p_updated int, p_unchanged int
) returns void
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.import_batches as b (id, target, service_id, file_name, row_count, created, updated, unchanged, created_by)
  values (p_batch_id, p_target, p_service_id, left(private.tidy_text(p_file_name), 200), p_rows, p_created, p_updated, p_unchanged, (select auth.uid()))
  on conflict (id) do update
     set row_count = b.row_count + excluded.row_count,
         created = b.created + excluded.created,
         updated = b.updated + excluded.updated,
         unchanged = b.unchanged + excluded.unchanged,
         file_name = coalesce(b.file_name, excluded.file_name)
   where b.created_by is not distinct from excluded.created_by and b.target = excluded.target
     and b.service_id is not distinct from excluded.service_id;
  if not found then
    perform private.raise_record_error('PT409', 'import_batch_conflict',
      '该导入批次号已用于其他导入，请重新开始导入 / This import batch id belongs to another import: start the import again',
      jsonb_build_object('batch_id', p_batch_id));
  end if;
end;
$$;

revoke execute on function private.note_import_batch(uuid, text, uuid, text, int, int, int, int) from public, anon;
grant execute on function private.note_import_batch(uuid, text, uuid, text, int, int, int, int) to authenticated, service_role;

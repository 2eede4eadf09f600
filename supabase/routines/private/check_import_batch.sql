-- An import batch id may be reused over several calls (the chunks of one upload), but only by
-- the user who started it and for the same target and service: anything else is refused
-- (import_batch_conflict, 409) before a row is looked at.
-- security definer: import_batches shows a user only their own batches.
create or replace function private.check_import_batch(p_batch_id uuid, p_target text, p_service_id uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_batch_id is null then
    perform private.raise_record_error('PT400', 'import_batch_required', '缺少导入批次号 / The import batch id is missing');
  end if;
  if exists (select 1 from public.import_batches b
              where b.id = p_batch_id
                and (b.created_by is distinct from (select auth.uid()) or b.target <> p_target or b.service_id is distinct from p_service_id)) then
    perform private.raise_record_error('PT409', 'import_batch_conflict',
      '该导入批次号已用于其他导入，请重新开始导入 / This import batch id belongs to another import: start the import again',
      jsonb_build_object('batch_id', p_batch_id));
  end if;
end;
$$;

revoke execute on function private.check_import_batch(uuid, text, uuid) from public, anon;
grant execute on function private.check_import_batch(uuid, text, uuid) to authenticated, service_role;

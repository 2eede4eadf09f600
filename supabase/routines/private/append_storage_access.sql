create or replace function private.append_storage_access(p_action text, p_bucket_id text, p_name text, p_object_id uuid, p_size bigint, p_owner text, p_detail jsonb)
returns void
language plpgsql security definer set search_path = '' as $$
-- security definer: no API role may insert into the log, so entries cannot be forged.
declare
  actor uuid := coalesce((select auth.uid()), case when p_owner ~ '^[0-9a-fA-F-]{36}$' then p_owner::uuid end);
begin
  insert into public.storage_access_log (action, bucket_id, object_name, object_id, size, actor, actor_role, org_unit_ids, detail)
  values (p_action, p_bucket_id, p_name, p_object_id, p_size, actor,
          coalesce(nullif((select auth.role()), ''), current_user), private.active_unit_ids(actor), p_detail);
end;
$$;

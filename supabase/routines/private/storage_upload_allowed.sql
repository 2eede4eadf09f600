-- May the caller store this object? True, or an exception that says why not.
-- security definer: the quota counts the caller's files that RLS no longer shows them (uploads
-- attached to records are read through their record).
create or replace function private.storage_upload_allowed(p_bucket_id text, p_name text, p_metadata jsonb) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  uploader uuid := (select auth.uid());
  incoming bigint := coalesce(nullif(p_metadata ->> 'contentLength', '')::bigint, nullif(p_metadata ->> 'size', '')::bigint, 0);
  quota bigint := private.storage_quota_bytes();
  used bigint;
begin
  if not private.has_active_membership() then
    raise exception using errcode = '42501', message = 'membership_required',
      hint = '您还不属于任何单位，不能上传文件。请向社区管理员索取邀请链接 / You belong to no unit yet, so you cannot upload files. Ask your community admin for an invitation link';
  end if;
  -- An overwrite (upsert) replaces the object of the same name: it does not count twice.
  select coalesce(sum(coalesce(nullif(o.metadata ->> 'size', '')::bigint, nullif(o.metadata ->> 'contentLength', '')::bigint, 0)), 0)
    into used
    from storage.objects o
   where o.owner_id = uploader::text
     and (o.bucket_id, o.name) is distinct from (p_bucket_id, p_name);
  if used + incoming > quota then
    raise exception using errcode = '42501', message = 'storage_quota_exceeded',
      detail = json_build_object('used', used, 'incoming', incoming, 'quota', quota)::text,
      hint = format('存储空间已满：每人最多 %s MB，已用 %s MB / Storage quota exceeded: at most %s MB per person, %s MB used',
                    round(quota / 1048576.0, 1), round(used / 1048576.0, 1), round(quota / 1048576.0, 1), round(used / 1048576.0, 1));
  end if;
  return true;
end;
$$;

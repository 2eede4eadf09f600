-- security definer: "is this file referenced by any record" must see records the caller cannot.
create or replace function private.is_record_attachment(p_path text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.record_attachments where path = p_path)
$$;

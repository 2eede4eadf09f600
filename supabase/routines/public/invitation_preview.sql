create or replace function public.invitation_preview(p_token text) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select private.invitation_preview(p_token)
$$;

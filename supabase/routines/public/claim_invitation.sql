create or replace function public.claim_invitation(p_token text) returns jsonb
language sql volatile security invoker set search_path = '' as $$
  select private.claim_invitation(p_token)
$$;

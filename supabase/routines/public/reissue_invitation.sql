-- Re-sends a pending invitation: a new link, valid for another 14 days; the old link stops working.
create or replace function public.reissue_invitation(p_invitation_id uuid) returns jsonb
language sql volatile security invoker set search_path = '' as $$
  select private.issue_invitation_secret(p_invitation_id, true)
$$;

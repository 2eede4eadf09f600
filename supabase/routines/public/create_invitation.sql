-- An administrator invites: the insert goes through the invitations policies as the caller
-- (who may invite whom, where, to what), then the new invitation gets its secret.
-- Returns the invitation and `token`, shown this once.
create or replace function public.create_invitation(p_org_unit_id uuid, p_role_key text, p_email text default null, p_phone text default null) returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  created_id uuid;
begin
  insert into public.invitations (org_unit_id, role_key, email, phone)
  values (p_org_unit_id, p_role_key, p_email, p_phone)
  returning id into created_id;
  return private.issue_invitation_secret(created_id, false);
end;
$$;

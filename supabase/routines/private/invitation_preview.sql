-- What the join page shows for a link: for a claimable invitation who invites to which unit and
-- role, until when; otherwise only its state. Null for a token that matches nothing.
-- security definer: the invitee is signed out or holds nothing yet, so may read neither the
-- invitation nor its unit, role or inviter.
create or replace function private.invitation_preview(p_token text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select case when v.state = 'pending' then jsonb_build_object(
           'status', v.state,
           'expires_at', i.expires_at,
           'inviter_name', inviter.display_name,
           'org_unit_name', u.name,
           'org_unit_level', u.level,
           'org_unit_path', (select jsonb_agg(a.name order by a.depth) from public.org_units a
                              where a.id::text = any (string_to_array(u.path, '.'))),
           'role_name', r.name,
           'role_name_en', r.name_en)
         else jsonb_build_object('status', v.state) end
    from private.invitation_secrets s
    join public.invitations i on i.id = s.invitation_id
    join public.org_units u on u.id = i.org_unit_id
    join public.roles r on r.key = i.role_key
    left join public.profiles inviter on inviter.id = i.invited_by
    cross join lateral (select private.invitation_state(i, (select auth.uid())) as state) v
   where s.token_hash = private.invitation_token_hash(p_token)
$$;

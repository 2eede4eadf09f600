// The membership-administration RPCs (security invoker: RLS decides; they only turn "nothing
// matched" into a refusal). Table writes go through the Refine data provider instead.
import type { Invitation, MembershipStatus } from "../domain/access";
import { supabase } from "./client";
import { toHttpError } from "./errors";

type MembershipRow = { id: string; user_id: string; org_unit_id: string; role_key: string; status: MembershipStatus };

async function callRpc<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await supabase.rpc(name, args);
  if (error) throw toHttpError(error);
  return data as T;
}

export function setMembershipStatus(membershipId: string, status: MembershipStatus): Promise<MembershipRow> {
  return callRpc("set_membership_status", { p_membership_id: membershipId, p_status: status });
}

export function removeMembership(membershipId: string): Promise<MembershipRow> {
  return callRpc("remove_membership", { p_membership_id: membershipId });
}

export function revokeInvitation(invitationId: string): Promise<Invitation> {
  return callRpc("revoke_invitation", { p_invitation_id: invitationId });
}

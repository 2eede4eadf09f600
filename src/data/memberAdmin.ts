// The membership-administration RPCs (security invoker: RLS decides; they only turn "nothing
// matched" into a refusal). Table writes go through the Refine data provider instead.
import type { Invitation, MembershipStatus } from "@/lib/domain/access";
import type { Database } from "./database.types";
import { invitationSchema } from "./invitations";
import { callRpc } from "./rpc";

type MembershipRow = Database["public"]["Tables"]["memberships"]["Row"];

export function setMembershipStatus(membershipId: string, status: MembershipStatus): Promise<MembershipRow> {
  return callRpc("set_membership_status", { p_membership_id: membershipId, p_status: status });
}

export function removeMembership(membershipId: string): Promise<MembershipRow> {
  return callRpc("remove_membership", { p_membership_id: membershipId });
}

export async function revokeInvitation(invitationId: string): Promise<Invitation> {
  return invitationSchema.parse(await callRpc("revoke_invitation", { p_invitation_id: invitationId }));
}

// Invitation RPCs (migration 20261130020000): the administrator's create / re-issue, which return
// the link secret once, and the invitee's preview and claim. The database decides every case;
// these only type the answers and normalise errors.
import { z } from "zod";
import { orgUnitLevels } from "@/contract";
import { invitationStatuses, type Invitation } from "@/lib/domain/access";
import { callRpc } from "./rpc";

/** An invitations row as the RPCs return it (JSON): checked here, where it enters the app. */
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  org_unit_id: z.string(),
  role_key: z.string(),
  invited_by: z.string().nullable(),
  status: z.enum(invitationStatuses),
  expires_at: z.string(),
  claimed_by: z.string().nullable(),
  claimed_at: z.string().nullable(),
  created_at: z.string(),
}) satisfies z.ZodType<Invitation>;

const issuedSchema = invitationSchema.extend({ token: z.string() });

/** An invitation with its link secret, as create and re-issue return it (the only time it is seen). */
export type IssuedInvitation = z.infer<typeof issuedSchema>;

export type NewInvitation = { org_unit_id: string; role_key: string; email?: string; phone?: string };

export async function createInvitation(invitation: NewInvitation): Promise<IssuedInvitation> {
  const issued = await callRpc("create_invitation", {
    p_org_unit_id: invitation.org_unit_id,
    p_role_key: invitation.role_key,
    p_email: invitation.email,
    p_phone: invitation.phone,
  });
  return issuedSchema.parse(issued);
}

/** A new link for a pending invitation; the old link stops working. */
export async function reissueInvitation(invitationId: string): Promise<IssuedInvitation> {
  return issuedSchema.parse(await callRpc("reissue_invitation", { p_invitation_id: invitationId }));
}

const invitationProblemStatuses = ["claimed", "revoked", "expired", "inviter_unable", "own"] as const;
export type InvitationProblem = (typeof invitationProblemStatuses)[number] | "invalid";

// Validated here: the one place this JSON enters the app, and the page may be seen signed out.
const previewSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("pending"),
    expires_at: z.string(),
    inviter_name: z.string().nullable(),
    org_unit_name: z.string(),
    org_unit_level: z.enum(orgUnitLevels),
    org_unit_path: z.array(z.string()),
    role_name: z.string(),
    role_name_en: z.string(),
  }),
  z.object({ status: z.enum(invitationProblemStatuses) }),
]);

export type InvitationPreview = z.infer<typeof previewSchema>;
export type PendingInvitationPreview = Extract<InvitationPreview, { status: "pending" }>;

/** What the link offers, or `{ status: "invalid" }` when it matches no invitation. Works signed out. */
export async function fetchInvitationPreview(token: string): Promise<InvitationPreview | { status: "invalid" }> {
  const data = await callRpc("invitation_preview", { p_token: token });
  if (data === null) return { status: "invalid" };
  return previewSchema.parse(data);
}

const claimedSchema = z.object({ membership_id: z.string(), org_unit_id: z.string(), role_key: z.string() });
export type ClaimedInvitation = z.infer<typeof claimedSchema>;

/** The signed-in user takes the invitation: its role at its unit becomes their membership. */
export async function claimInvitation(token: string): Promise<ClaimedInvitation> {
  return claimedSchema.parse(await callRpc("claim_invitation", { p_token: token }));
}

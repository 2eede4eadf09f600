// Membership administration as the database defines it (migrations 2026112602…): the rows the
// UI reads and the scope rules it mirrors to hide what RLS would refuse anyway.
import { canonicalPhone } from "./phone";
import type { OrgUnitLevel } from "@/contract";
import type { OrgUnit } from "./orgUnits";

export { canonicalPhone };

export const administratorRoleKeys = ["community_admin", "system_admin"] as const;

export const membershipStatuses = ["active", "suspended"] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

export const invitationStatuses = ["pending", "claimed", "revoked", "expired"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** A row of the `members` view (security invoker: only what the caller may read). */
export type Member = {
  id: string;
  user_id: string;
  display_name: string | null;
  email: string | null;
  phone: string | null;
  org_unit_id: string;
  org_unit_name: string;
  org_unit_code: string;
  org_unit_level: OrgUnitLevel;
  org_unit_path: string;
  role_key: string;
  role_name: string;
  role_name_en: string;
  status: MembershipStatus;
  created_at: string;
};

/** A row of `invitations`. */
export type Invitation = {
  id: string;
  email: string | null;
  phone: string | null;
  org_unit_id: string;
  role_key: string;
  invited_by: string | null;
  status: InvitationStatus;
  expires_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
  created_at: string;
};

/** A row of `roles`. */
export type Role = {
  key: string;
  name: string;
  name_en: string;
  description: string;
  is_preset: boolean;
  owner_org_unit_id: string | null;
  sort_order: number;
};

type ScopedMembership = { org_unit_id: string; role_key: string };

/** Units where these (active) memberships make the user an administrator. */
export function administeredUnitIds(memberships: readonly ScopedMembership[]): string[] {
  return memberships.filter((m) => (administratorRoleKeys as readonly string[]).includes(m.role_key)).map((m) => m.org_unit_id);
}

export function isSystemAdministrator(memberships: readonly ScopedMembership[]): boolean {
  return memberships.some((m) => m.role_key === "system_admin");
}

/** Is the unit with this path one of `rootIds` or below one of them? (Paths are ids joined by ".".) */
export function isWithinUnits(unitPath: string, rootIds: readonly string[]): boolean {
  const ids = unitPath.split(".");
  return rootIds.some((id) => ids.includes(id));
}

/** A preset may be held anywhere; a custom role at its owner unit and below. */
export function isRoleAssignableAt(role: Pick<Role, "owner_org_unit_id">, unit: Pick<OrgUnit, "path">): boolean {
  return role.owner_org_unit_id === null || unit.path.split(".").includes(role.owner_org_unit_id);
}

/** Only a system administrator grants or manages system_admin. */
export function mayGrantRole(roleKey: string, systemAdministrator: boolean): boolean {
  return roleKey !== "system_admin" || systemAdministrator;
}

/** A pending invitation past its expiry is expired, whether or not the database has marked it yet. */
export function effectiveInvitationStatus(invitation: Pick<Invitation, "status" | "expires_at">, now: number = Date.now()): InvitationStatus {
  return invitation.status === "pending" && Date.parse(invitation.expires_at) <= now ? "expired" : invitation.status;
}

/** "8613800000001" → "138 0000 0001" for display; anything else unchanged. */
export function displayPhone(phone: string): string {
  const national = /^861\d{10}$/.test(phone) ? phone.slice(2) : phone;
  return /^1\d{10}$/.test(national) ? `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}` : phone;
}

export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const roleKeyPattern = /^[a-z][a-z0-9_]{1,39}$/;

/** What the invitee typed, as the invitation's contact column; undefined when neither a phone nor an e-mail. */
export function invitationContact(input: string): { email: string } | { phone: string } | undefined {
  const trimmed = input.trim();
  if (trimmed.includes("@")) return emailPattern.test(trimmed) ? { email: trimmed.toLowerCase() } : undefined;
  const phone = canonicalPhone(trimmed);
  return phone ? { phone } : undefined;
}

// The UI's mirror of the database's scope rules and contact normalisation (the database decides;
// these only keep the UI from offering what it would refuse).
import { describe, expect, it } from "vitest";
import {
  administeredUnitIds,
  canonicalPhone,
  displayPhone,
  effectiveInvitationStatus,
  invitationContact,
  isRoleAssignableAt,
  isWithinUnits,
  mayGrantRole,
} from "@/lib/domain/access";

describe("phones as GoTrue stores them (same rules as private.canonical_phone)", () => {
  it.each([
    ["13800000009", "8613800000009"],
    ["138 0000-0009", "8613800000009"],
    ["+86 138 0000 0009", "8613800000009"],
    ["008613800000009", "8613800000009"],
    ["8613800000009", "8613800000009"],
  ])("%s → %s", (input, stored) => {
    expect(canonicalPhone(input)).toBe(stored);
  });

  it("rejects what is not a number", () => {
    expect(canonicalPhone("not a phone")).toBeUndefined();
    expect(canonicalPhone("12")).toBeUndefined();
  });

  it("shows mainland mobiles in groups and leaves others alone", () => {
    expect(displayPhone("8613800000009")).toBe("138 0000 0009");
    expect(displayPhone("4915112345678")).toBe("4915112345678");
  });
});

describe("invitation contacts", () => {
  it("an address with @ is an e-mail (lower-cased), anything else must be a phone", () => {
    expect(invitationContact(" New.Person@Example.com ")).toEqual({ email: "new.person@example.com" });
    expect(invitationContact("13800000009")).toEqual({ phone: "8613800000009" });
    expect(invitationContact("name@")).toBeUndefined();
    expect(invitationContact("abc")).toBeUndefined();
  });

  it("a pending invitation past its expiry shows as expired", () => {
    const now = Date.parse("2026-12-01T00:00:00Z");
    expect(effectiveInvitationStatus({ status: "pending", expires_at: "2026-11-30T00:00:00Z" }, now)).toBe("expired");
    expect(effectiveInvitationStatus({ status: "pending", expires_at: "2026-12-02T00:00:00Z" }, now)).toBe("pending");
    expect(effectiveInvitationStatus({ status: "claimed", expires_at: "2026-11-30T00:00:00Z" }, now)).toBe("claimed");
  });
});

describe("administration scope", () => {
  const memberships = [
    { org_unit_id: "community", role_key: "community_admin" },
    { org_unit_id: "grid-elsewhere", role_key: "grid_worker" },
  ];

  it("only administrator memberships make scope roots", () => {
    expect(administeredUnitIds(memberships)).toEqual(["community"]);
  });

  it("a unit is within scope when a root is on its path", () => {
    expect(isWithinUnits("root.street.community", ["community"])).toBe(true);
    expect(isWithinUnits("root.street.community.grid", ["community"])).toBe(true);
    expect(isWithinUnits("root.street.sibling", ["community"])).toBe(false);
  });

  it("custom roles are assignable at their owner unit and below; presets anywhere", () => {
    expect(isRoleAssignableAt({ owner_org_unit_id: null }, { path: "a.b" })).toBe(true);
    expect(isRoleAssignableAt({ owner_org_unit_id: "b" }, { path: "a.b.c" })).toBe(true);
    expect(isRoleAssignableAt({ owner_org_unit_id: "b" }, { path: "a.x" })).toBe(false);
  });

  it("only a system administrator grants system_admin", () => {
    expect(mayGrantRole("system_admin", false)).toBe(false);
    expect(mayGrantRole("system_admin", true)).toBe(true);
    expect(mayGrantRole("staff", false)).toBe(true);
  });
});

// The 权限 page's arithmetic, free of React: ticking a cell with its dependencies, the changes
// between the live grants and the edited ones, and what those changes mean for people (who
// gains or loses what, whose menu loses the service). The database enforces the same
// dependency (set_service_grants, check_service_definition); this only keeps the page honest.
import { needsRead, permissionActions, type PermissionAction } from "@/contract";

/** role key → the actions it holds on the service (a definition's `permissions`, or the live grants). */
export type Permissions = Readonly<Record<string, readonly PermissionAction[]>>;

export type GrantChange = { role_key: string; action: PermissionAction; granted: boolean };

/** One role's part of a change set, as the summary words it ("领导 将失去 查看"). */
export type RoleChangeSummary = {
  role: string;
  gained: PermissionAction[];
  lost: PermissionAction[];
  /** read goes: the service leaves the menu of whoever holds no other role that reads it */
  leavesMenu: boolean;
  /** read comes: the service appears in their menu */
  joinsMenu: boolean;
};

const ordered = (actions: Iterable<PermissionAction>): PermissionAction[] => {
  const set = new Set(actions);
  return permissionActions.filter((action) => set.has(action));
};

export function holds(permissions: Permissions, role: string, action: PermissionAction): boolean {
  return permissions[role]?.includes(action) ?? false;
}

/**
 * Ticks or unticks one cell and what depends on it: an action needing read brings read along;
 * taking read away takes the actions needing it too. A role left with nothing stays listed with
 * an empty list, so its row does not vanish while the administrator is still looking at it.
 */
export function toggleGrant(permissions: Permissions, role: string, action: PermissionAction, granted: boolean): Permissions {
  const current = new Set(permissions[role] ?? []);
  if (granted) {
    current.add(action);
    if (needsRead(action)) current.add("read");
  } else {
    current.delete(action);
    if (action === "read") for (const dependent of [...current]) if (needsRead(dependent)) current.delete(dependent);
  }
  return { ...permissions, [role]: ordered(current) };
}

/** Cells where `edited` differs from `live`, in role order then action order. */
export function grantChanges(live: Permissions, edited: Permissions, roleOrder: readonly string[] = []): GrantChange[] {
  const roles = [...new Set([...roleOrder, ...Object.keys(live), ...Object.keys(edited)])];
  return roles.flatMap((role) =>
    permissionActions.flatMap((action) => {
      const before = holds(live, role, action);
      const after = holds(edited, role, action);
      return before === after ? [] : [{ role_key: role, action, granted: after }];
    }),
  );
}

/** Per role: what it gains and loses, and whether the service enters or leaves its menu. */
export function summarizeChanges(changes: readonly GrantChange[]): RoleChangeSummary[] {
  const byRole = new Map<string, RoleChangeSummary>();
  for (const change of changes) {
    const summary = byRole.get(change.role_key) ?? { role: change.role_key, gained: [], lost: [], leavesMenu: false, joinsMenu: false };
    (change.granted ? summary.gained : summary.lost).push(change.action);
    if (change.action === "read") {
      summary.leavesMenu = !change.granted;
      summary.joinsMenu = change.granted;
    }
    byRole.set(change.role_key, summary);
  }
  return [...byRole.values()].map((summary) => ({ ...summary, gained: ordered(summary.gained), lost: ordered(summary.lost) }));
}

/** Actions a role holds without the read they need; empty when the set is sound. */
export function missingReads(permissions: Permissions): { role: string; action: PermissionAction }[] {
  return Object.entries(permissions).flatMap(([role, actions]) =>
    actions.includes("read") ? [] : actions.filter(needsRead).map((action) => ({ role, action })),
  );
}

/** The grant rows of one service as a role → actions map. */
export function permissionsFromGrants(grants: readonly { role_key: string; action: PermissionAction }[]): Permissions {
  const byRole: Record<string, PermissionAction[]> = {};
  for (const grant of grants) (byRole[grant.role_key] ??= []).push(grant.action);
  return Object.fromEntries(Object.entries(byRole).map(([role, actions]) => [role, ordered(actions)]));
}

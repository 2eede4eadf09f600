// A record's unit named with its ancestors below the reader's own top unit: a county leader reads
// 「吉凤街道 / 牯牛坪社区 / 第一网格」 where 「第一网格」 alone names a grid in every community, while a
// community's staff member still reads just 「第一网格」. Computed from the org tree the page
// already holds (useOrgUnits: every unit with its materialised path), so a page of rows costs no
// query at all.
import type { OrgUnit } from "@/lib/domain/orgUnits";

type UnitNode = Pick<OrgUnit, "id" | "name" | "path">;

/** Between the names of a unit and its ancestors, in both languages. */
export const unitLabelSeparator = " / ";

const pathIds = (unit: Pick<UnitNode, "path">) => unit.path.split(".").filter((id) => id !== "");

/**
 * The reader's top unit: the deepest unit that is an ancestor of (or is) every unit where they
 * hold a membership. Two communities of one street share the street, so their grids stay
 * distinguishable; one membership is its own top unit. Null without memberships (or units not loaded).
 */
export function scopeRootOf(membershipUnitIds: readonly string[], byId: ReadonlyMap<string, UnitNode>): string | null {
  const paths = [...new Set(membershipUnitIds)]
    .map((id) => byId.get(id))
    .filter((unit): unit is UnitNode => unit !== undefined)
    .map(pathIds);
  if (paths.length === 0) return null;
  let common = paths[0]!;
  for (const path of paths.slice(1)) {
    let same = 0;
    while (same < common.length && same < path.length && common[same] === path[same]) same++;
    common = common.slice(0, same);
  }
  return common.at(-1) ?? null;
}

/**
 * The unit's name after the names of its ancestors strictly below the unit it shares with the
 * reader's top unit (`rootId`): inside the reader's subtree that is the root itself; a unit beside
 * it (a record they took part in elsewhere) is named from where the two branches part, and one
 * above it by its own name. Always at least the unit's own name; undefined for an unknown unit
 * (the caller shows the id).
 */
export function unitLabel(unitId: string, byId: ReadonlyMap<string, UnitNode>, rootId: string | null): string | undefined {
  const unit = byId.get(unitId);
  if (!unit) return undefined;
  const ids = pathIds(unit);
  const root = rootId === null ? undefined : byId.get(rootId);
  const rootIds = root ? pathIds(root) : [];
  let shared = 0;
  while (shared < ids.length && shared < rootIds.length && ids[shared] === rootIds[shared]) shared++;
  return ids
    .slice(Math.min(shared, ids.length - 1))
    .map((id) => (id === unit.id ? unit.name : byId.get(id)?.name))
    .filter((name) => name !== undefined)
    .join(unitLabelSeparator);
}

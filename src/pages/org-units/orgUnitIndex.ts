// Pure helpers over the flat `org_units` rows: a parent → children index, and search.
import { orgUnitAncestorIds, type OrgUnit } from "@/lib/domain/orgUnits";

export type OrgUnitIndex = {
  byId: ReadonlyMap<string, OrgUnit>;
  /** Children of each unit in display order; key null holds the roots. */
  childrenOf: ReadonlyMap<string | null, readonly OrgUnit[]>;
};

function compareSiblings(a: OrgUnit, b: OrgUnit): number {
  return a.sort_order - b.sort_order || a.code.localeCompare(b.code) || a.name.localeCompare(b.name, "zh-CN");
}

export function indexOrgUnits(units: readonly OrgUnit[]): OrgUnitIndex {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const childrenOf = new Map<string | null, OrgUnit[]>();
  for (const unit of units) {
    // A parent outside what RLS lets us read makes the unit a root of the visible forest.
    const parentKey = unit.parent_id !== null && byId.has(unit.parent_id) ? unit.parent_id : null;
    const siblings = childrenOf.get(parentKey) ?? [];
    siblings.push(unit);
    childrenOf.set(parentKey, siblings);
  }
  for (const siblings of childrenOf.values()) siblings.sort(compareSiblings);
  return { byId, childrenOf };
}

/** The unit's visible ancestors, root first. */
export function ancestorsOf(index: OrgUnitIndex, unit: OrgUnit): OrgUnit[] {
  return orgUnitAncestorIds(unit).flatMap((id) => index.byId.get(id) ?? []);
}

export type OrgUnitSearch = {
  /** Units whose name or code contains the query. */
  matches: ReadonlySet<string>;
  /** Matches plus their ancestors: what the filtered tree shows. */
  visible: ReadonlySet<string>;
  /** Ancestors of matches: expanded so every match is on screen. */
  expand: ReadonlySet<string>;
};

export function searchOrgUnits(index: OrgUnitIndex, query: string): OrgUnitSearch | null {
  const needle = query.trim().toLowerCase();
  if (needle === "") return null;
  const matches = new Set<string>();
  const expand = new Set<string>();
  for (const unit of index.byId.values()) {
    if (!unit.name.toLowerCase().includes(needle) && !unit.code.includes(needle)) continue;
    matches.add(unit.id);
    for (const ancestor of ancestorsOf(index, unit)) expand.add(ancestor.id);
  }
  return { matches, visible: new Set([...matches, ...expand]), expand };
}

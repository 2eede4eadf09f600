import type { OrgUnitOption } from "../types";

export interface OrgUnitTreeNode {
  value: string;
  title: string;
  selectable: boolean;
  children: OrgUnitTreeNode[];
}

/** Flat rows (id, parent_id) → TreeSelect nodes; units whose parent is not loaded become roots. */
export function buildOrgUnitTree(units: readonly OrgUnitOption[], levels?: readonly string[]): OrgUnitTreeNode[] {
  const nodes = new Map<string, OrgUnitTreeNode>();
  for (const unit of units) {
    const selectable = !levels || (unit.level !== undefined && levels.includes(unit.level));
    nodes.set(unit.id, { value: unit.id, title: unit.name, selectable, children: [] });
  }
  const roots: OrgUnitTreeNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id);
    const parent = unit.parent_id ? nodes.get(unit.parent_id) : undefined;
    if (node && parent) parent.children.push(node);
    else if (node) roots.push(node);
  }
  return roots;
}

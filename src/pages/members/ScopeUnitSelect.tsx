import { TreeSelect } from "antd";
import { useMemo } from "react";
import type { ScopeUnit } from "./useAdminScope";

type TreeNode = { value: string; title: string; children: TreeNode[] };

/** Scope units as a tree: a unit whose parent is outside the scope is a root. */
function toTree(units: readonly ScopeUnit[]): TreeNode[] {
  const nodes = new Map(units.map((unit) => [unit.id, { value: unit.id, title: unit.name, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parent_id ? nodes.get(unit.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

type Props = {
  id?: string;
  units: readonly ScopeUnit[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  onBlur?: () => void;
  invalid?: boolean;
  disabled?: boolean;
};

/** Picks a unit inside the administrator's scope (controlled; react-hook-form owns the value). */
export function ScopeUnitSelect({ id, units, value, onChange, onBlur, invalid, disabled }: Props) {
  const treeData = useMemo(() => toTree(units), [units]);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(next?: string) => onChange(next ?? undefined)}
      onBlur={onBlur}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      aria-invalid={invalid}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      style={{ width: "100%" }}
    />
  );
}

import { useList } from "@refinedev/core";
import { useMemo } from "react";
import type { OrgUnit } from "@/lib/domain/orgUnits";

export type OrgUnitRow = Pick<OrgUnit, "id" | "parent_id" | "name" | "level" | "path" | "code">;

export interface OrgUnitLookup {
  rows: OrgUnitRow[];
  byId: ReadonlyMap<string, OrgUnitRow>;
  isLoading: boolean;
}

/**
 * The whole org tree (a few hundred rows, readable by every signed-in user), once per session:
 * pickers, unit names in cells and "which of my roles apply here" all read it.
 */
export function useOrgUnits(): OrgUnitLookup {
  const { result, query } = useList<OrgUnitRow>({
    resource: "org_units",
    pagination: { mode: "off" },
    sorters: [{ field: "sort_order", order: "asc" }],
    // the total is unused: no count at all
    meta: { select: "id,parent_id,name,level,path,code", count: "planned" },
    queryOptions: { staleTime: 10 * 60_000 },
  });
  const rows = result.data;
  const byId = useMemo(() => new Map(rows.map((row) => [row.id, row])), [rows]);
  return { rows, byId, isLoading: query.isLoading };
}

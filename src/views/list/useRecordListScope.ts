import type { CrudFilter } from "@refinedev/core";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import type { ServiceDefinition } from "@/services/schema";
import { useOrgUnits, type OrgUnitRow } from "../hooks/useOrgUnits";
import { readRecordListScope, recordListScopeFilters, type RecordListScope } from "./recordListScope";
import { addressBarParams } from "@/lib/addressBarParams";

export type RecordListScopeState = {
  scope: RecordListScope;
  unit: OrgUnitRow | undefined;
  filters: CrudFilter[];
  /** The unit's path is still loading: the list waits rather than show the wrong records. */
  waiting: boolean;
  clear: () => void;
};

const names = ["unit", "overdue", "state", "from", "to"] as const;

/** The list's scope from the URL (recordListScope.ts) as provider filters; overdue is judged when the scope was set. */
export function useRecordListScope(definition: ServiceDefinition): RecordListScopeState {
  const [params, setParams] = useSearchParams();
  const scope = useMemo(() => readRecordListScope(params), [params]);
  const units = useOrgUnits();
  const unit = scope.unit ? units.byId.get(scope.unit) : undefined;
  const waiting = Boolean(scope.unit) && units.isLoading;
  const key = names.map((n) => params.get(n) ?? "").join("|");
  // one instant per scope, so paging does not move records in or out of "overdue"
  const now = useMemo(() => new Date(), [key]);
  const filters = useMemo(() => recordListScopeFilters(scope, definition, unit?.path, now), [scope, definition, unit, now]);
  const clear = () => {
    const next = addressBarParams();
    for (const name of names) next.delete(name);
    setParams(next);
  };
  return { scope, unit, filters, waiting, clear };
}

import { useGetIdentity } from "@refinedev/core";
import { useCallback, useMemo } from "react";
import type { Identity } from "@/data/myContext";
import { scopeRootOf, unitLabel } from "../shared/unitLabel";
import { useOrgUnits } from "./useOrgUnits";

/**
 * A unit's name with its ancestors below the reader's own top unit (shared/unitLabel.ts), from the
 * org tree held for the session and the reader's memberships: no query per row or per page.
 */
export function useUnitLabel(): (unitId: string) => string | undefined {
  const units = useOrgUnits();
  const { data: identity } = useGetIdentity<Identity>();
  const rootId = useMemo(
    () =>
      scopeRootOf(
        (identity?.memberships ?? []).map((m) => m.org_unit_id),
        units.byId,
      ),
    [identity, units.byId],
  );
  return useCallback((unitId: string) => unitLabel(unitId, units.byId, rootId), [units.byId, rootId]);
}

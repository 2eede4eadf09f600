// The cockpit's scope lives in the URL (back button, shareable): `unit` (the unit looked at),
// `from`/`to` (受理 dates), `service` (one service or all), `period` (trend by week or month).
// Drilling down re-scopes the whole page by changing `unit` and keeps the rest.
import { useGetIdentity } from "@refinedev/core";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import type { Identity } from "@/data/myContext";
import { useOrgUnits, type OrgUnitRow } from "@/views/hooks/useOrgUnits";
import { addressBarParams } from "@/lib/addressBarParams";

export type CockpitScope = {
  /** The unit looked at (null while the org tree loads, or for a user without units). */
  unit: OrgUnitRow | null;
  /** From the user's own unit above `unit` down to it: the breadcrumb. */
  trail: OrgUnitRow[];
  /** The units one level below `unit`, in the tree's order. */
  children: OrgUnitRow[];
  from: string | null;
  to: string | null;
  serviceId: string | null;
  period: "week" | "month";
  isLoading: boolean;
  set: (changes: Partial<Record<"unit" | "from" | "to" | "service" | "period", string | null>>) => void;
};

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export function useCockpitScope(): CockpitScope {
  const [params, setParams] = useSearchParams();
  const { data: identity } = useGetIdentity<Identity>();
  const units = useOrgUnits();

  const mine = useMemo(() => {
    const own = (identity?.memberships ?? []).map((m) => units.byId.get(m.org_unit_id)).filter((u): u is OrgUnitRow => u !== undefined);
    // the highest of the user's units first: a leader of 吉首市 starts at 吉首市
    return [...own].sort((a, b) => a.path.split(".").length - b.path.split(".").length);
  }, [identity, units.byId]);

  const asked = params.get("unit");
  const unit = (asked ? units.byId.get(asked) : mine[0]) ?? null;

  const trail = useMemo(() => {
    if (!unit) return [];
    const ids = unit.path.split(".");
    // start at the shallowest of the user's units on the way down; a unit outside them (the
    // database refuses it) shows only itself
    const start = ids.findIndex((id) => mine.some((m) => m.id === id));
    return ids
      .slice(start < 0 ? ids.length - 1 : start)
      .map((id) => units.byId.get(id))
      .filter((u): u is OrgUnitRow => u !== undefined);
  }, [unit, mine, units.byId]);

  const children = useMemo(() => (unit ? units.rows.filter((u) => u.parent_id === unit.id) : []), [unit, units.rows]);

  const day = (name: string) => {
    const value = params.get(name);
    return value && isoDay.test(value) ? value : null;
  };

  const set: CockpitScope["set"] = (changes) =>
    setParams(() => {
      const next = addressBarParams();
      for (const [name, value] of Object.entries(changes)) {
        if (value) next.set(name, value);
        else next.delete(name);
      }
      return next;
    });

  return {
    unit,
    trail,
    children,
    from: day("from"),
    to: day("to"),
    serviceId: params.get("service"),
    period: params.get("period") === "week" ? "week" : "month",
    isLoading: units.isLoading || identity === undefined,
    set,
  };
}

// The units a sheet may name (grids, communities …) in the importer's own subtrees, each with the
// label the lists show (「第一网格」 for a community's staff, 「牯牛坪社区 / 第一网格」 above it) and
// the longer spellings a roster may use. Only a convenience: the database decides the scope.
import { useGetIdentity } from "@refinedev/core";
import { useMemo } from "react";
import type { Identity } from "@/data/myContext";
import { useOrgUnits } from "@/views/hooks/useOrgUnits";
import { useUnitLabel } from "@/views/hooks/useUnitLabel";
import { unitLabelSeparator } from "@/views/shared/unitLabel";

export interface ImportUnit {
  id: string;
  label: string;
  level: string;
  aliases: string[];
}

/** Units at `levels` below (or at) the units where the user holds a membership; null while loading. */
export function useImportUnits(levels: readonly string[], membershipFilter: (roleKey: string) => boolean = () => true): ImportUnit[] | null {
  const units = useOrgUnits();
  const label = useUnitLabel();
  const { data: identity } = useGetIdentity<Identity>();
  return useMemo(() => {
    if (units.isLoading || !identity) return null;
    const mine = identity.memberships.filter((m) => membershipFilter(m.role_key)).map((m) => m.org_unit_id);
    return (
      units.rows
        .filter((unit) => levels.includes(unit.level) && mine.some((id) => unit.path.split(".").includes(id)))
        .map((unit) => {
          const names = unit.path
            .split(".")
            .filter((id) => id !== "")
            .map((id) => units.byId.get(id)?.name ?? "");
          // 牯牛坪社区 / 第一网格 and 牯牛坪社区第一网格: the community and the grid, as rosters write them
          const parent = names.at(-2);
          const aliases = parent ? [`${parent}${unitLabelSeparator}${unit.name}`, `${parent}${unit.name}`, names.join(unitLabelSeparator)] : [];
          return { id: unit.id, label: label(unit.id) ?? unit.name, level: unit.level, aliases };
        })
        // in the order of `levels` (grids before their community: a roster names the grid), then the tree's
        .sort((a, b) => levels.indexOf(a.level) - levels.indexOf(b.level))
    );
    // membershipFilter is a fresh function per render; the roles it reads come with identity
  }, [units, identity, label, levels]);
}

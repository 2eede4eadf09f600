// Where an escalating transition sends a record (DESIGN §4): the parent, the nearest ancestor of
// a level, or a unit the user chooses among allowed ones (吹哨报到). transition_record resolves
// the same way in the database; this is the browser's half, for the dialog's picker and hint.
import type { OrgUnitLevel } from "@/contract";
import type { Escalation } from "./workflowSchema";

/** The few columns of org_units the resolution needs. */
export interface UnitNode {
  id: string;
  parent_id: string | null;
  level: OrgUnitLevel | string;
  code?: string;
}

export type EscalationRoute =
  { to: "parent" } | { to: "origin" } | { to: "level"; level: OrgUnitLevel } | { to: "choose"; levels?: OrgUnitLevel[]; units?: string[] };

/** `true` (versions written before routes existed) means the parent; `false`: no escalation. */
export function escalationRoute(escalate: Escalation): EscalationRoute | null {
  if (escalate === false) return null;
  if (escalate === true) return { to: "parent" };
  return escalate;
}

/** The unit's ancestors, nearest first (a broken or cyclic chain stops where it breaks). */
export function ancestorsOf(unitId: string, byId: ReadonlyMap<string, UnitNode>): UnitNode[] {
  const out: UnitNode[] = [];
  const seen = new Set([unitId]);
  let parent = byId.get(unitId)?.parent_id ?? null;
  while (parent !== null && !seen.has(parent)) {
    const unit = byId.get(parent);
    if (!unit) break;
    out.push(unit);
    seen.add(parent);
    parent = unit.parent_id;
  }
  return out;
}

/** The units a `choose` route allows: the record unit's ancestors of its levels, then the named units. */
export function escalationChoices(route: EscalationRoute, unitId: string, units: readonly UnitNode[]): UnitNode[] {
  if (route.to !== "choose") return [];
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const ancestors = route.levels ? ancestorsOf(unitId, byId).filter((unit) => route.levels?.includes(unit.level as OrgUnitLevel)) : [];
  const named = route.units ? units.filter((unit) => unit.code !== undefined && route.units?.includes(unit.code) && unit.id !== unitId) : [];
  return [...ancestors, ...named.filter((unit) => !ancestors.includes(unit))];
}

export type EscalationTarget =
  { ok: true; unit: UnitNode } | { ok: false; code: "escalation_target_missing" | "escalation_target_required" | "escalation_target_not_allowed" };

/**
 * The unit the record moves to, or why it cannot move; `chosen` is the picked unit's id (choose
 * only), `origin` the unit the record was filed at (its `created` event's unit).
 */
export function resolveEscalation(
  route: EscalationRoute,
  unitId: string,
  units: readonly UnitNode[],
  chosen?: string | null,
  origin?: string | null,
): EscalationTarget {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  if (route.to === "origin") {
    const unit = byId.get(origin ?? unitId);
    return unit ? { ok: true, unit } : { ok: false, code: "escalation_target_missing" };
  }
  if (route.to === "choose") {
    if (!chosen) return { ok: false, code: "escalation_target_required" };
    const unit = escalationChoices(route, unitId, units).find((candidate) => candidate.id === chosen);
    return unit ? { ok: true, unit } : { ok: false, code: "escalation_target_not_allowed" };
  }
  const ancestors = ancestorsOf(unitId, byId);
  const unit = route.to === "parent" ? ancestors[0] : ancestors.find((candidate) => candidate.level === route.level);
  return unit ? { ok: true, unit } : { ok: false, code: "escalation_target_missing" };
}

// The workflow as the designer's draft holds it: JSON as written (defaults not applied), so every
// optional part may be missing and a guard is whatever was saved. The 流程 concern reads and
// writes these shapes only; the shell validates the whole definition.
import type { DraftDefinition, DraftField } from "../designerDoc";

export type DraftWorkflow = DraftDefinition["workflow"];
export type DraftState = DraftWorkflow["states"][number];
export type DraftTransition = NonNullable<DraftWorkflow["transitions"]>[number];
export type DraftTimeLimit = NonNullable<DraftState["timeLimit"]>;
export type DraftDuration = { hours: number } | { workdays: number };
export type DraftEscalation = NonNullable<DraftTransition["escalate"]>;
export type DraftAssignment = NonNullable<DraftTransition["set"]>[number];
export type DraftChecklistItem = NonNullable<DraftTransition["checklist"]>[number];
export type DraftTagWrite = NonNullable<DraftTransition["tags"]>[number];
export type DraftPermissions = DraftDefinition["permissions"];
export type { DraftField };

/** What the side panel edits: one state or one transition, by key, or nothing. */
export type Selection = { state: string } | { transition: string } | null;

/** The transitions of a draft workflow ([] when the key is absent). */
export function transitionsOf(workflow: DraftWorkflow): DraftTransition[] {
  return workflow.transitions ?? [];
}

/**
 * The field keys a guard reads (`field` and `valueFrom` of its leaves), read leniently: a draft's
 * guard may be half-built, and a missing field must still be found and named.
 */
export function guardFieldKeys(guard: unknown): string[] {
  if (typeof guard !== "object" || guard === null) return [];
  if (Array.isArray(guard)) return guard.flatMap(guardFieldKeys);
  const node = guard as Record<string, unknown>;
  if ("all" in node) return guardFieldKeys(node.all);
  if ("any" in node) return guardFieldKeys(node.any);
  if ("not" in node) return guardFieldKeys(node.not);
  return [node.field, node.valueFrom].filter((key): key is string => typeof key === "string");
}

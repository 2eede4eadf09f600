import type { DraftDefinition, DraftField } from "../designerDoc";

/** Types whose answers are never reused from a previous application (crossCheckDerive agrees). */
const notReusable: ReadonlySet<string> = new Set(["attachment", "image", "resident"]);

/**
 * Whether the 高级 tab offers 沿用上次申请 (`reuse`) for a field: where it can work — a form with
 * a resident field (it finds the last application), not files (they would have to be copied),
 * the resident field, derived or registry-filled fields. A field that has it set always shows it,
 * so that it can be turned off (the definition check then says why it is wrong).
 */
export function reuseOffered(field: DraftField, definition: DraftDefinition): boolean {
  if (field.reuse === true) return true;
  if (notReusable.has(field.type) || field.derive !== undefined || field.prefillFrom !== undefined) return false;
  return definition.fields.some((other) => other.type === "resident");
}

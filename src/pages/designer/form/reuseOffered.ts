import type { DraftDefinition, DraftField } from "../designerDoc";

/** Types whose answers are never reused from a previous application (crossCheckDerive agrees). */
const notReusable: ReadonlySet<string> = new Set(["resident"]);

/**
 * Whether the 高级 tab offers 沿用上次申请 (`reuse`) for a field: where it can work — a form with
 * a resident field (it finds the last application), not the resident field, derived or
 * registry-filled fields. Files may be (the form copies them), though only a file that stays
 * true between applications should be: a photo, not a signed consent or a proof of this address. A field that has it set always shows it,
 * so that it can be turned off (the definition check then says why it is wrong).
 */
export function reuseOffered(field: DraftField, definition: DraftDefinition): boolean {
  if (field.reuse === true) return true;
  if (notReusable.has(field.type) || field.derive !== undefined || field.prefillFrom !== undefined) return false;
  return definition.fields.some((other) => other.type === "resident");
}

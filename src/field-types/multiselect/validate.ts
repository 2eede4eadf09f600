import { fieldIssue } from "../issue";
import type { FieldIssue } from "../types";
import type { MultiselectField } from "./definition";

export function validateMultiselect(field: MultiselectField, value: unknown): FieldIssue | null {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) return fieldIssue("type");
  const allowed = new Set(field.options.map((option) => option.value));
  if (!value.every((item) => allowed.has(item))) return fieldIssue("choice");
  if (field.minItems !== undefined && value.length < field.minItems) return fieldIssue("min_items", { min: field.minItems });
  if (field.maxItems !== undefined && value.length > field.maxItems) return fieldIssue("max_items", { max: field.maxItems });
  return null;
}

import { fieldIssue } from "../issue";
import type { FieldIssue } from "../types";
import type { SelectField } from "./definition";

export function validateSelect(field: SelectField, value: unknown): FieldIssue | null {
  if (typeof value !== "string") return fieldIssue("type");
  return field.options.some((option) => option.value === value) ? null : fieldIssue("choice");
}

import { fieldIssue } from "../issue";
import { isIsoDate, resolveDateLimit } from "../shared/dates";
import type { FieldIssue, ValidationContext } from "../types";
import type { DateField } from "./definition";

/** Dates are stored as YYYY-MM-DD strings, which compare correctly as text. */
export function validateDate(field: DateField, value: unknown, context: ValidationContext): FieldIssue | null {
  if (typeof value !== "string") return fieldIssue("type");
  if (!isIsoDate(value)) return fieldIssue("date");
  if (field.min !== undefined) {
    const min = resolveDateLimit(field.min, context.now);
    if (value < min) return fieldIssue("min", { min });
  }
  if (field.max !== undefined) {
    const max = resolveDateLimit(field.max, context.now);
    if (value > max) return fieldIssue("max", { max });
  }
  return null;
}

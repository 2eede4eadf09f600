import { fieldIssue } from "../issue";
import { isoDateOf } from "../shared/dates";
import type { FieldIssue, ValidationContext } from "../types";
import type { IdNumberField } from "./definition";
import { isValidIdNumber } from "./gb11643";

/**
 * Stored values are 18 characters. A legacy 15-digit number is rejected here: the Input
 * upgrades it on blur, so only a number that skipped the form (import, API) arrives short.
 */
export function validateIdNumber(_field: IdNumberField, value: unknown, context: ValidationContext): FieldIssue | null {
  if (typeof value !== "string") return fieldIssue("type");
  return isValidIdNumber(value, isoDateOf(context.now)) ? null : fieldIssue("id_number");
}

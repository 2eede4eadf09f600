import { fieldIssue } from "../issue";
import type { FieldIssue } from "../types";
import type { NumberField } from "./definition";

/** Shared with money: a JSON number (never a numeric string) within the configured range. */
export function checkNumberRange(field: { min?: number; max?: number }, value: unknown): FieldIssue | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return fieldIssue("type");
  if (field.min !== undefined && value < field.min) return fieldIssue("min", { min: field.min });
  if (field.max !== undefined && value > field.max) return fieldIssue("max", { max: field.max });
  return null;
}

export function validateNumber(field: NumberField, value: unknown): FieldIssue | null {
  if (field.integer && typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value)) {
    return fieldIssue("integer");
  }
  return checkNumberRange(field, value);
}

import { fieldIssue } from "../issue";
import type { FieldIssue } from "../types";
import type { PhoneField } from "./definition";
import { isValidPhone } from "./phonePatterns";

export function validatePhone(field: PhoneField, value: unknown): FieldIssue | null {
  if (typeof value !== "string") return fieldIssue("type");
  return isValidPhone(value, field.kind) ? null : fieldIssue("phone");
}

import { fieldIssue } from "../issue";
import { checkStringRules } from "../shared/stringRules";
import type { FieldIssue } from "../types";
import type { TextareaField } from "./definition";

export function validateTextarea(field: TextareaField, value: unknown): FieldIssue | null {
  if (typeof value !== "string") return fieldIssue("type");
  return checkStringRules(field, value);
}

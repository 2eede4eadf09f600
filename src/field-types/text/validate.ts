import { fieldIssue } from "../issue";
import { checkStringRules } from "../shared/stringRules";
import type { FieldIssue } from "../types";
import type { TextField } from "./definition";

/** A pattern alone says nothing to a resident; the definition may word the message itself. */
export function validateText(field: TextField, value: unknown): FieldIssue | null {
  if (typeof value !== "string") return fieldIssue("type");
  const issue = checkStringRules(field, value);
  if (issue?.code !== "pattern" || !field.pattern_message) return issue;
  return { ...issue, wording: { zh: field.pattern_message, en: field.pattern_message_en } };
}

import { fieldIssue } from "../issue";
import type { FieldIssue } from "../types";

interface StringRules {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

/** Length counts characters (code points), as Postgres char_length does, not UTF-16 units. */
export function checkStringRules(rules: StringRules, value: string): FieldIssue | null {
  const length = [...value].length;
  if (rules.minLength !== undefined && length < rules.minLength) return fieldIssue("min_length", { min: rules.minLength });
  if (rules.maxLength !== undefined && length > rules.maxLength) return fieldIssue("max_length", { max: rules.maxLength });
  if (rules.pattern !== undefined && !new RegExp(rules.pattern, "u").test(value)) return fieldIssue("pattern");
  return null;
}

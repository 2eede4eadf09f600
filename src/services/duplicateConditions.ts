import type { DuplicatesRule } from "./applicantSchema";
import { conditionFieldKeys } from "./conditions";
import type { RuleCondition } from "./conditionSchema";

/** The `when` conditions of a duplicates rule (on `open` and `held`), with where each is written. */
export function duplicateConditions(rule: DuplicatesRule): { path: (string | number)[]; when: RuleCondition }[] {
  const found: { path: (string | number)[]; when: RuleCondition }[] = [];
  if (typeof rule.open === "object" && rule.open.when) found.push({ path: ["duplicates", "open", "when"], when: rule.open.when });
  if (rule.held?.when) found.push({ path: ["duplicates", "held", "when"], when: rule.held.when });
  return found;
}

/**
 * The answers public.find_duplicate_records needs for a person: the `match` fields it compares
 * and the fields its `when` conditions read (which decide warn, refuse or nothing).
 */
export function duplicateAnswerKeys(rule: DuplicatesRule | undefined): string[] {
  if (!rule) return [];
  return [...new Set([...rule.match, ...duplicateConditions(rule).flatMap(({ when }) => conditionFieldKeys(when))])];
}

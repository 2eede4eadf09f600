import { validationMessage } from "@/contract";
import type { ApplicantLeaf, EligibilityCondition, EligibilityRule } from "./applicantSchema";
import { conditionHolds, evaluateCondition } from "./conditions";
import type { RuleCondition } from "./conditionSchema";
import { completedYears } from "./deriveValues";
import type { RecordIssue } from "./validateRecord";

type Data = Readonly<Record<string, unknown>>;

/** What the eligibility conditions read about the linked person; `age` null when not known exactly. */
export interface ApplicantFacts {
  age: number | null;
  /** keys of the tags current on the filing date (veteran, age_80_plus …) */
  tags: readonly string[];
  /**
   * kinds whose tags the reader may not see (sensitive kinds, for a role without view_sensitive:
   * resident_facts' hidden_kinds): `tags` says nothing about them, so a rule reading one is left
   * to the database, which reads every tag
   */
  hiddenKinds?: readonly string[];
}

/**
 * The facts from what a form knows of the person: the age in full years on `today` from the
 * full birth date (the database's private.resident_facts reads the same), unknown from a birth
 * year alone — the registry shows only the year, and a rule on an unknown age is left to the
 * database; the tags current on `today` (valid_from ≤ today ≤ valid_to, an open end included).
 */
export function applicantFacts(
  person: { birthDate?: string | null; tags?: readonly { tag_key: string; valid_from: string; valid_to: string | null }[] },
  today: string,
): ApplicantFacts {
  const age = person.birthDate ? completedYears(person.birthDate, today) : null;
  const tags = (person.tags ?? []).filter((tag) => tag.valid_from <= today && (tag.valid_to === null || tag.valid_to >= today)).map((tag) => tag.tag_key);
  return { age, tags: [...new Set(tags)] };
}

const isApplicantLeaf = (condition: EligibilityCondition): condition is ApplicantLeaf => "resident" in condition;

/**
 * An eligibility condition on the answers and the person — the semantics of the database's
 * private.eligibility_holds: a person leaf compares the attribute by evaluateCondition (tags is
 * a list: eq = has the tag), any other leaf is a rule leaf on the answers (conditionHolds).
 */
export function eligibilityHolds(condition: EligibilityCondition, data: Data, facts: ApplicantFacts, today: string): boolean {
  if ("all" in condition) return condition.all.every((part: EligibilityCondition) => eligibilityHolds(part, data, facts, today));
  if ("any" in condition) return condition.any.some((part: EligibilityCondition) => eligibilityHolds(part, data, facts, today));
  if ("not" in condition) return !eligibilityHolds(condition.not, data, facts, today);
  if (isApplicantLeaf(condition)) {
    const actual = condition.resident === "age" ? facts.age : [...facts.tags];
    return evaluateCondition({ field: "attribute", op: condition.op, value: condition.value }, { attribute: actual });
  }
  return conditionHolds(condition as RuleCondition, data, today);
}

/** Whether a condition reads the person's age (then an unknown age leaves the verdict to the database). */
function readsAge(condition: EligibilityCondition): boolean {
  if ("all" in condition) return condition.all.some(readsAge);
  if ("any" in condition) return condition.any.some(readsAge);
  if ("not" in condition) return readsAge(condition.not);
  return isApplicantLeaf(condition) && condition.resident === "age";
}

/** The tag kinds a condition's person leaves name (tags eq/neq a kind, in/nin a list). */
function tagKindsRead(condition: EligibilityCondition): string[] {
  if ("all" in condition) return condition.all.flatMap(tagKindsRead);
  if ("any" in condition) return condition.any.flatMap(tagKindsRead);
  if ("not" in condition) return tagKindsRead(condition.not);
  if (!isApplicantLeaf(condition) || condition.resident !== "tags") return [];
  const value: unknown = condition.value;
  return (Array.isArray(value) ? value : [value]).filter((kind): kind is string => typeof kind === "string");
}

/**
 * The eligibility rules the person fails, as record issues (code `rule`, the rule's own words)
 * at the rule's field ('' = the whole record). Call it before submit once the form knows the
 * person; the database refuses the same (record_invalid) when the record is filed.
 */
export function eligibilityIssues(rules: readonly EligibilityRule[] | undefined, data: Data, facts: ApplicantFacts, today: string): RecordIssue[] {
  return (rules ?? []).flatMap((rule) => {
    if (rule.when && !conditionHolds(rule.when, data, today)) return [];
    if (facts.age === null && readsAge(rule.require)) return [];
    // a tag the reader may not see may be held: never refuse on what is hidden, the database decides
    if (facts.hiddenKinds?.length && tagKindsRead(rule.require).some((kind) => facts.hiddenKinds!.includes(kind))) return [];
    if (eligibilityHolds(rule.require, data, facts, today)) return [];
    return [
      { field: rule.field ?? "", code: "rule" as const, ...validationMessage("rule", { message: rule.message, message_en: rule.message_en ?? rule.message }) },
    ];
  });
}

/**
 * Tag kinds of the registry (public.resident_tag_kinds) that follow from the birth date
 * (min_age: 60岁以上, 80岁以上): the database computes them and never stores one, so a workflow
 * cannot set or end them (tags on a transition). The other kinds live only in the database;
 * the browser checks their key format, the database that they exist (private.check_transition_tags).
 */
export const derivedResidentTags = ["age_60_plus", "age_80_plus"] as const;

export function isDerivedResidentTag(key: string): boolean {
  return (derivedResidentTags as readonly string[]).includes(key);
}

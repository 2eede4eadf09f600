// Which tags a person holds today: stored tags whose period covers today (Beijing days,
// inclusive), and the age kinds (min_age: 60岁以上, 80岁以上), which the database derives from the
// birth date and never stores; here from the birth year, as the list shows age.
import type { ResidentTagKindRow, ResidentTagRow } from "@/data/residents";

type Period = Pick<ResidentTagRow, "tag_key" | "valid_from" | "valid_to">;

export function isCurrentTag(tag: Pick<Period, "valid_from" | "valid_to">, today: string): boolean {
  return tag.valid_from <= today && (tag.valid_to === null || tag.valid_to >= today);
}

/** Age kinds reached this year, then current stored tags in the kinds' order, each once. */
export function currentTagKeys(person: { birth_year: number; tags: readonly Period[] }, kinds: readonly ResidentTagKindRow[], today: string): string[] {
  const age = Number(today.slice(0, 4)) - person.birth_year;
  const held = new Set(person.tags.filter((tag) => isCurrentTag(tag, today)).map((tag) => tag.tag_key));
  return kinds.filter((kind) => (kind.min_age !== null ? age >= kind.min_age : held.has(kind.key))).map((kind) => kind.key);
}

import { isDerivedResidentTag } from "@/contract";
import type { ServiceDefinition } from "./definitionSchema";
import { definitionError, type DefinitionError } from "./definitionErrors";

/**
 * A transition's `tags` (写入居民档案) write to the person a record is linked to, so the form must
 * link one: a `resident` field. The age kinds follow from the birth date and are never written; a
 * tag appears once per transition. Whether the other keys name kinds of public.resident_tag_kinds
 * only the database knows (private.check_transition_tags, at save and publish).
 */
export function checkTagWrites({ fields, workflow }: ServiceDefinition): DefinitionError[] {
  const linksPerson = fields.some((field) => field.type === "resident");
  return workflow.transitions.flatMap((transition, t) => {
    const at = (...rest: (string | number)[]) => ["workflow", "transitions", t, "tags", ...rest];
    if (transition.tags.length === 0) return [];
    if (!linksPerson) return [definitionError("tags_need_resident_field", at())];
    const seen = new Set<string>();
    return transition.tags.flatMap(({ tag }, i) => {
      const errors: DefinitionError[] = [];
      if (isDerivedResidentTag(tag)) errors.push(definitionError("tag_derived", at(i, "tag"), { tag }));
      else if (seen.has(tag)) errors.push(definitionError("duplicate_key", at(i, "tag"), { key: tag }));
      seen.add(tag);
      return errors;
    });
  });
}

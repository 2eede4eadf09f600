import { isDerivedResidentTag } from "@/contract";
import { conditionFieldKeys } from "./conditions";
import type { ServiceDefinition } from "./definitionSchema";
import { definitionError, type DefinitionError } from "./definitionErrors";

/**
 * A transition's `tags` (写入居民档案) write to the person a record is linked to, so the form must
 * link one: a `resident` field. The age kinds follow from the birth date and are never written; a
 * tag appears once per transition; a write's `when` reads fields that exist and are not sensitive.
 * Whether the other keys name kinds of public.resident_tag_kinds only the database knows
 * (private.check_transition_tags, at save and publish).
 */
export function checkTagWrites({ fields, workflow }: ServiceDefinition): DefinitionError[] {
  const linksPerson = fields.some((field) => field.type === "resident");
  const byKey = new Map(fields.map((field) => [field.key, field]));
  return workflow.transitions.flatMap((transition, t) => {
    const at = (...rest: (string | number)[]) => ["workflow", "transitions", t, "tags", ...rest];
    if (transition.tags.length === 0) return [];
    if (!linksPerson) return [definitionError("tags_need_resident_field", at())];
    const seen = new Set<string>();
    return transition.tags.flatMap(({ tag, when }, i) => {
      const errors: DefinitionError[] = [];
      if (isDerivedResidentTag(tag)) errors.push(definitionError("tag_derived", at(i, "tag"), { tag }));
      else if (seen.has(tag)) errors.push(definitionError("duplicate_key", at(i, "tag"), { key: tag }));
      seen.add(tag);
      for (const key of new Set(when ? conditionFieldKeys(when) : [])) {
        const field = byKey.get(key);
        if (!field) errors.push(definitionError("unknown_field_ref", at(i, "when"), { field: key }));
        // the stored answer of a sensitive field is its mask: it cannot decide what is written
        else if (field.sensitive) errors.push(definitionError("sensitive_controls_field", at(i, "when"), { field: key, controlled: tag, condition: "when" }));
      }
      return errors;
    });
  });
}

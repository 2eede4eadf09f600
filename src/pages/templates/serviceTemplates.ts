// The gallery's templates are the definitions in resources/services/, bundled as JSON chunks the
// gallery loads when it opens (tests/unit/templates checks each is valid and correct for its
// procedure). A template is installed as a copy: the admin's unit owns it and may change it.
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition, type ServiceDefinition } from "@/services/schema";
import type { DraftDefinition } from "../designer/designerDoc";

const modules = import.meta.glob<{ default: unknown }>("/resources/services/*.json");

export interface ServiceTemplate {
  /** as written in the file: what an install copies */
  raw: DraftDefinition;
  /** parsed, defaults applied: what the preview reads */
  definition: ServiceDefinition;
}

export async function loadServiceTemplates(): Promise<ServiceTemplate[]> {
  const loaded = await Promise.all(Object.values(modules).map((load) => load()));
  return loaded
    .map((module) => module.default)
    .flatMap((raw) => {
      const parsed = parseServiceDefinition(raw, fieldTypes);
      return parsed.ok ? [{ raw: raw as DraftDefinition, definition: parsed.definition }] : [];
    })
    .sort((a, b) => a.definition.category.localeCompare(b.definition.category, "zh") || a.definition.name.localeCompare(b.definition.name, "zh"));
}

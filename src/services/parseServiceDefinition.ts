import type { FieldTypeCatalog } from "@/contract";
import { checkApplicant } from "./crossCheckApplicant";
import { checkDerived } from "./crossCheckDerive";
import { checkFields } from "./crossCheckFields";
import { checkPermissions } from "./crossCheckPermissions";
import { checkTagWrites } from "./crossCheckTagWrites";
import { checkViews } from "./crossCheckViews";
import { checkWorkflow } from "./crossCheckWorkflow";
import { serviceDefinitionSchemaFor, type ServiceDefinition } from "./definitionSchema";
import { zodIssueToDefinitionErrors, type DefinitionError } from "./definitionErrors";
import { missingEnglish, type DefinitionWarning } from "./missingEnglish";
import { workflowWarnings } from "./workflowWarnings";

/** `warnings` never block: a missing English text is reported, the definition still works. */
export type ParseResult = { ok: true; definition: ServiceDefinition; warnings?: DefinitionWarning[] } | { ok: false; errors: DefinitionError[] };

/** One schema per registry: building it walks every type's options, parsing happens often. */
const schemas = new WeakMap<FieldTypeCatalog, ReturnType<typeof serviceDefinitionSchemaFor>>();

function schemaFor(fieldTypes: FieldTypeCatalog) {
  let schema = schemas.get(fieldTypes);
  if (!schema) {
    schema = serviceDefinitionSchemaFor(fieldTypes);
    schemas.set(fieldTypes, schema);
  }
  return schema;
}

/**
 * The single entry for definitions from anywhere (template file, designer, database), checked
 * against the field types handed in (`fieldTypes` from src/field-types).
 * Shape first; references between parts only once the shape is right, because checking
 * "does this column name a field" is meaningless while `fields` itself is malformed.
 */
export function parseServiceDefinition(json: unknown, fieldTypes: FieldTypeCatalog): ParseResult {
  const parsed = schemaFor(fieldTypes).safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap(zodIssueToDefinitionErrors) };
  const definition = parsed.data;
  const errors = [
    ...checkFields(definition),
    ...checkDerived(definition),
    ...checkWorkflow(definition),
    ...checkViews(definition, fieldTypes),
    ...checkPermissions(definition),
    ...checkApplicant(definition),
    ...checkTagWrites(definition),
  ];
  return errors.length > 0 ? { ok: false, errors } : { ok: true, definition, warnings: [...missingEnglish(json), ...workflowWarnings(definition)] };
}

import { checkFields } from './cross-check-fields';
import { checkViews } from './cross-check-views';
import { checkWorkflow } from './cross-check-workflow';
import { serviceDefinitionSchema, type ServiceDefinition } from './definition-schema';
import { zodIssueToDefinitionErrors, type DefinitionError } from './definition-errors';

export type ParseResult = { ok: true; definition: ServiceDefinition } | { ok: false; errors: DefinitionError[] };

/**
 * The single entry for definitions from anywhere (template file, designer, database).
 * Shape first; references between parts only once the shape is right, because checking
 * "does this column name a field" is meaningless while `fields` itself is malformed.
 */
export function parseServiceDefinition(json: unknown): ParseResult {
  const parsed = serviceDefinitionSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap(zodIssueToDefinitionErrors) };
  const definition = parsed.data;
  const errors = [...checkFields(definition), ...checkWorkflow(definition), ...checkViews(definition)];
  return errors.length > 0 ? { ok: false, errors } : { ok: true, definition };
}

import { fieldTypes } from "@/field-types";
import { zodIssueToDefinitionErrors, type DefinitionError } from "@/services/definitionErrors";
import { fieldSchemaFor } from "@/services/fieldSchema";
import type { DraftField } from "../designerDoc";

/** A problem of one field, its path relative to the field (`options[1].value`, `` for the field itself). */
export interface FieldProblem {
  path: string;
  message_zh: string;
  message_en: string;
}

const fieldSchema = fieldSchemaFor(fieldTypes);

/**
 * The problems of the field at `index`: those the shell found in the whole draft (cross-checks
 * included), and the field's own shape checked at once, so a bad option shows while it is typed.
 */
export function fieldProblems(errors: readonly DefinitionError[], field: DraftField, index: number): FieldProblem[] {
  const prefix = `fields[${index}]`;
  const fromDraft = errors
    .filter((error) => error.path === prefix || error.path.startsWith(`${prefix}.`) || error.path.startsWith(`${prefix}[`))
    .map((error) => ({ ...error, path: error.path.slice(prefix.length).replace(/^\./, "") }));
  const parsed = fieldSchema.safeParse(field, { reportInput: true });
  const own = parsed.success ? [] : parsed.error.issues.flatMap(zodIssueToDefinitionErrors);
  const seen = new Set<string>();
  return [...fromDraft, ...own].filter((problem) => {
    const id = `${problem.path} ${problem.message_zh}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The problems at `path` or inside it. */
export function problemsAt(problems: readonly FieldProblem[], path: string): FieldProblem[] {
  return problems.filter((problem) => problem.path === path || problem.path.startsWith(`${path}.`) || problem.path.startsWith(`${path}[`));
}

// Staged fields (DESIGN §4): a field is answered at intake (the create form) or in the dialog of
// one of the transitions named by its `stage`. The database refuses an answer before its stage
// (private.unreached_stage_fields); these are the browser's side of the same rule.
import { isEmptyValue } from "@/contract";
import type { ServiceDefinition } from "./definitionSchema";
import type { FieldDefinition } from "./fieldSchema";
import type { WorkflowTransition } from "./workflowSchema";

type Data = Readonly<Record<string, unknown>>;
type Staged = Pick<FieldDefinition, "stage">;

/** Absent or "intake": asked on the create form. */
export function isIntakeField(field: Staged): boolean {
  return field.stage === undefined || field.stage === "intake";
}

/** The transitions whose dialog asks for the field; [] for an intake field. */
export function fieldStage(field: Staged): readonly string[] {
  return field.stage === undefined || field.stage === "intake" ? [] : field.stage;
}

/** The create form's fields. */
export function intakeFields<F extends FieldDefinition>(fields: readonly F[]): F[] {
  return fields.filter(isIntakeField);
}

/**
 * The edit form's fields: intake fields, and staged fields already answered (an answer can only
 * have come from a transition of its stage, so its stage was reached). A staged field whose
 * transition was taken but left it empty is answered again through a transition, not here;
 * the database would accept it (its stage is reached), so this never shows a field it refuses.
 */
export function editableFields<F extends FieldDefinition>(fields: readonly F[], data: Data): F[] {
  return fields.filter((field) => isIntakeField(field) || !isEmptyValue(data[field.key]));
}

/**
 * The fields a transition's dialog shows: its own stage's and the intake fields it requires, in
 * definition order; not those it sets itself (处置层级 from the escalation, 处置人 = the acting
 * user), whose value the database writes over anything the dialog would send.
 */
export function transitionFields(definition: ServiceDefinition, transition: WorkflowTransition): FieldDefinition[] {
  const setByTransition = new Set(transition.set.map((assignment) => assignment.field));
  return definition.fields.filter(
    (field) => !setByTransition.has(field.key) && (fieldStage(field).includes(transition.key) || transition.requireFields.includes(field.key)),
  );
}

/** Keys of answered fields whose stage has not been reached given the transitions taken so far. */
export function unreachedStageFields(fields: readonly FieldDefinition[], data: Data, taken: readonly string[]): string[] {
  return fields
    .filter((field) => !isIntakeField(field) && !isEmptyValue(data[field.key]) && !fieldStage(field).some((key) => taken.includes(key)))
    .map((field) => field.key);
}

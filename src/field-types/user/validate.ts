import { validateReferenceId } from "../shared/reference";
import type { FieldIssue } from "../types";
import type { UserField } from "./definition";

export function validateUser(_field: UserField, value: unknown): FieldIssue | null {
  return validateReferenceId(value);
}

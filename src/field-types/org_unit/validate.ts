import { validateReferenceId } from "../shared/reference";
import type { FieldIssue } from "../types";
import type { OrgUnitField } from "./definition";

export function validateOrgUnit(_field: OrgUnitField, value: unknown): FieldIssue | null {
  return validateReferenceId(value);
}

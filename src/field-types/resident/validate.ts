import { fieldIssue } from "../issue";
import type { FieldIssue } from "../types";
import type { ResidentField } from "./definition";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A resident answer is a person's id (uuid, as private.field_value_issue checks). Whether the
 * person exists and the writer may link them is the database's to decide (resident_link_forbidden).
 */
export function validateResident(_field: ResidentField, value: unknown): FieldIssue | null {
  return typeof value === "string" && uuidPattern.test(value) ? null : fieldIssue("type");
}

import { fieldIssue } from "../issue";
import type { FieldIssue } from "../types";

/**
 * org_unit and user values are ids (uuid text). Whether the id exists and is in the user's
 * scope is for the database to decide (foreign data, RLS); the client only checks the shape.
 */
export function validateReferenceId(value: unknown): FieldIssue | null {
  return typeof value === "string" && value.trim() !== "" ? null : fieldIssue("type");
}

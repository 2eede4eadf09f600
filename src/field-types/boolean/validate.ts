import { fieldIssue } from "../issue";
import type { FieldIssue } from "../types";
import type { BooleanField } from "./definition";

export function validateBoolean(_field: BooleanField, value: unknown): FieldIssue | null {
  return typeof value === "boolean" ? null : fieldIssue("type");
}

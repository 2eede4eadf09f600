import { fieldIssue } from "../issue";
import { validateFiles } from "../shared/files";
import type { FieldIssue } from "../types";
import { imageDefaultAccept, type ImageField } from "./definition";

export function validateImage(field: ImageField, value: unknown): FieldIssue | null {
  const problem = validateFiles({ ...field, accept: field.accept ?? imageDefaultAccept }, value);
  if (problem) return problem;
  const count = Array.isArray(value) ? value.length : 0;
  return field.minCount !== undefined && count < field.minCount ? fieldIssue("min_items", { min: field.minCount }) : null;
}

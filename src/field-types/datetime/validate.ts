import { fieldIssue } from "../issue";
import { isIsoDateTime } from "../shared/dates";
import type { FieldIssue } from "../types";
import type { DatetimeField } from "./definition";

/** Stored as ISO 8601 with an explicit offset so timestamptz reads the same instant everywhere. */
export function validateDatetime(_field: DatetimeField, value: unknown): FieldIssue | null {
  if (typeof value !== "string") return fieldIssue("type");
  return isIsoDateTime(value) ? null : fieldIssue("datetime");
}

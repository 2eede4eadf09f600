import { fieldIssue } from "../issue";
import { checkNumberRange } from "../number/validate";
import type { FieldIssue } from "../types";
import type { MoneyField } from "./definition";

/** Binary floats cannot hold 0.1 exactly, so "two decimals" means "within rounding of fen". */
export function hasAtMostTwoDecimals(value: number): boolean {
  const fen = value * 100;
  return Math.abs(fen - Math.round(fen)) < 1e-6;
}

export function validateMoney(field: MoneyField, value: unknown): FieldIssue | null {
  if (typeof value === "number" && Number.isFinite(value) && !hasAtMostTwoDecimals(value)) return fieldIssue("precision");
  return checkNumberRange(field, value);
}

import type { MessageParams, ValidationCode } from "@/contract";
import type { FieldIssue } from "./types";

/** A validator's finding: a code from the contract's table and its params; words come later (fieldIssueMessage). */
export function fieldIssue(code: ValidationCode, params?: MessageParams, subPath?: string): FieldIssue {
  return { code, ...(params ? { params } : {}), ...(subPath ? { subPath } : {}) };
}

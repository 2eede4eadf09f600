import { validationMessage, type MessageParams, type ValidationCode } from '../services/validation-codes';
import type { FieldIssue } from './types';

/** Builds a FieldIssue with both messages from the shared code table. */
export function fieldIssue(code: ValidationCode, params?: MessageParams, subPath?: string): FieldIssue {
  return {
    code,
    ...validationMessage(code, params),
    ...(params ? { params } : {}),
    ...(subPath ? { subPath } : {}),
  };
}

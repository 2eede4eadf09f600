import { renderMessage, type MessageParams, type RenderedMessage } from "./messages";
import { validationCodes, type ValidationCode } from "./validationCodes";

/**
 * What a field type's validator returns for a bad answer: a code and its params, never words.
 * `wording` is the definition's own text for the problem (a text field's `pattern_message`):
 * data from the service definition, rendered by fieldIssueMessage like any code.
 */
export interface FieldIssue {
  code: ValidationCode;
  params?: MessageParams;
  /** Where inside the value the issue is, e.g. `[1].id_number` for a sub_table row cell. */
  subPath?: string;
  wording?: { zh: string; en?: string };
}

/** The words for a field issue: the definition's wording when it has one, else the code table's. */
export function fieldIssueMessage(issue: Pick<FieldIssue, "code" | "params" | "wording">): RenderedMessage {
  const table = renderMessage(validationCodes[issue.code], issue.params);
  if (!issue.wording) return table;
  return { message_zh: issue.wording.zh, message_en: issue.wording.en ?? table.message_en };
}

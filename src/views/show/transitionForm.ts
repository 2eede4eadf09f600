// The transition dialog's rules, pure so they can be tested without a browser: when may it be
// submitted, and what does it send.
import type { FieldErrors, Resolver, ResolverResult } from "react-hook-form";
import { isEmptyValue, type Language } from "@/contract";
import { fieldTypes } from "@/field-types";
import { keptDerivedKeys } from "@/services/deriveValues";
import { validateRecordData } from "@/services/validateRecord";
import { fieldMessages, type RowIssueFormat } from "../form/recordIssues";
import type { ServiceDefinition, WorkflowTransition } from "@/services/schema";
import { defaultAnswers, type DefaultContext } from "@/services/initialAnswers";
import { fieldStage, transitionFields } from "@/services/stages";
import { checkTransition, type TransitionCheck } from "@/services/workflow";
import type { TransitionRequest } from "@/data/recordActions";

export interface TransitionFormValues {
  comment: string;
  /** answers to the transition's own fields (staged to it or required by it), starting from the record's own */
  data: Record<string, unknown>;
  /** ticked offline-verification items */
  checklist: string[];
  /** the unit picked for an escalation to a chosen unit */
  targetUnit?: string | null;
}

/** Keys of the fields the dialog shows and may send: staged to this transition, or required by it. */
export function transitionFieldKeys(definition: ServiceDefinition, transition: WorkflowTransition): string[] {
  return transitionFields(definition, transition).map((field) => field.key);
}

/** The dialog starts from the record's answers; a staged field still empty starts from its default (处置人 = me). */
export function initialTransitionValues(
  definition: ServiceDefinition,
  transition: WorkflowTransition,
  recordData: Record<string, unknown>,
  context: DefaultContext = { now: new Date() },
): TransitionFormValues {
  const own = transitionFields(definition, transition);
  const defaults = defaultAnswers(
    own.filter((field) => fieldStage(field).includes(transition.key) && isEmptyValue(recordData[field.key])),
    context,
  );
  return {
    comment: "",
    data: Object.fromEntries(own.map((field) => [field.key, defaults[field.key] ?? recordData[field.key] ?? null])),
    checklist: [],
    targetUnit: null,
  };
}

/** The same check, in the same order, as transition_record: the dialog submits only when it passes. */
export function checkTransitionForm(
  definition: ServiceDefinition,
  status: string,
  transition: WorkflowTransition,
  roleKeys: readonly string[],
  recordData: Record<string, unknown>,
  values: TransitionFormValues,
  today?: string,
): TransitionCheck {
  return checkTransition(definition, status, transition.key, roleKeys, {
    comment: values.comment,
    fields: { ...recordData, ...values.data },
    recordData,
    checklist: values.checklist,
    targetUnit: values.targetUnit,
    today,
  });
}

/** Only the transition's own fields travel, and only answers that changed or were missing. */
export function transitionRequest(
  definition: ServiceDefinition,
  transition: WorkflowTransition,
  recordData: Record<string, unknown>,
  values: TransitionFormValues,
): TransitionRequest {
  const fields = Object.fromEntries(
    transitionFieldKeys(definition, transition)
      .filter((key) => !isEmptyValue(values.data[key]) && values.data[key] !== recordData[key])
      .map((key) => [key, values.data[key]]),
  );
  const ticked = transition.checklist.map((item) => item.key).filter((key) => values.checklist.includes(key));
  return {
    transition: transition.key,
    ...(values.comment.trim() ? { comment: values.comment.trim() } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(ticked.length > 0 ? { checklist: ticked } : {}),
    ...(values.targetUnit ? { targetUnit: values.targetUnit } : {}),
  };
}

/**
 * Type rules for the answers given in the dialog (a wrong ID number, a too-long text); whether
 * everything required is there is checkTransitionForm's job, which disables the submit button.
 */
export function transitionResolver(
  definition: ServiceDefinition,
  transition: WorkflowTransition,
  recordData: Record<string, unknown>,
  language: Language,
  rowIssue: RowIssueFormat,
): Resolver<TransitionFormValues> {
  return async (values): Promise<ResolverResult<TransitionFormValues>> => {
    const own = transitionFieldKeys(definition, transition);
    const merged = { ...recordData, ...values.data };
    // values derived from answers the dialog only has masked stay as stored (the database derives them)
    const keepDerived = keptDerivedKeys(definition.fields, merged, recordData);
    const issues = validateRecordData(definition, merged, { fieldTypes, keepDerived }).filter((issue) => own.includes(issue.field.split("[")[0]));
    const messages = fieldMessages(definition, issues, language, rowIssue);
    if (messages.length === 0) return { values, errors: {} };
    const data = Object.fromEntries(messages.map((m) => [m.field, { type: "validate", message: m.message }]));
    return { values: {}, errors: { data } as FieldErrors<TransitionFormValues> };
  };
}

// A workflow state's time limit in words: 5 个工作日, 72 小时, 按「紧急程度」.
import type { Language } from "@/contract";
import type { WorkflowState } from "@/services/schema";

export function durationText(
  state: Pick<WorkflowState, "timeLimit" | "slaHours">,
  language: Language,
  fieldName: (key: string) => string = (key) => key,
): string | null {
  const en = language === "en";
  const limit = state.timeLimit ?? (state.slaHours ? { hours: state.slaHours } : undefined);
  if (!limit) return null;
  if ("workdays" in limit) return en ? `${limit.workdays} working day(s)` : `${limit.workdays} 个工作日`;
  if ("hours" in limit) return en ? `${limit.hours} hour(s)` : `${limit.hours} 小时`;
  return en ? `by “${fieldName(limit.byField)}”` : `按「${fieldName(limit.byField)}」`;
}

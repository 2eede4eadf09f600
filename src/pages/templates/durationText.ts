// A workflow state's time limit in words for the gallery's preview: the durations are worded by the
// workflow designer's durationText (one wording for badges, dry runs and previews); a limit chosen
// by a field's answer is named by that field.
import type { Language } from "@/contract";
import type { WorkflowState } from "@/services/schema";
import { durationText as durationWords } from "../designer/workflow/dryRun";

export function durationText(
  state: Pick<WorkflowState, "timeLimit" | "slaHours">,
  language: Language,
  fieldName: (key: string) => string = (key) => key,
): string | null {
  const limit = state.timeLimit ?? (state.slaHours ? { hours: state.slaHours } : undefined);
  if (!limit) return null;
  if ("byField" in limit) return language === "en" ? `by “${fieldName(limit.byField)}”` : `按「${fieldName(limit.byField)}」`;
  const words = durationWords(limit);
  return language === "en" ? words.en : words.zh;
}

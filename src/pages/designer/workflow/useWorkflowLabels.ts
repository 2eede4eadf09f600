// Names in the current language for what the 流程 concern shows: states, transitions, fields,
// field options, roles, time limits and problems. One place, so the diagram, the table and the
// panels name things alike.
import { useCallback, useMemo } from "react";
import { useDomainLabels } from "@/components/useDomainLabels";
import { useLocale, useT } from "@/i18n";
import { durationText, stateLimit } from "./dryRun";
import type { WorkflowProblem } from "./workflowProblems";
import type { DraftDuration, DraftField, DraftState, DraftTimeLimit } from "./workflowTypes";

export interface ChoiceLike {
  value: string;
  label: string;
  label_en?: string;
}

/** A field's choices as the designer offers them: a select's options, or 是 / 否 for a yes/no field. */
export function fieldChoices(field: DraftField | undefined, yes = "是", no = "否"): ChoiceLike[] {
  if (!field) return [];
  if (field.type === "boolean")
    return [
      { value: "true", label: yes },
      { value: "false", label: no },
    ];
  const options: unknown = field.options;
  if (!Array.isArray(options)) return [];
  return options.filter((o): o is ChoiceLike => typeof o === "object" && o !== null && typeof (o as ChoiceLike).value === "string");
}

export interface RoleLike {
  key: string;
  name: string;
  name_en: string;
}

export function useWorkflowLabels(roles: readonly RoleLike[]) {
  const t = useT();
  const locale = useLocale();
  const { roleLabel } = useDomainLabels();
  const en = locale === "en";
  const pick = useCallback((zh: string, english: string | undefined) => (en && english ? english : zh), [en]);
  const named = useCallback((item: { label: string; label_en?: string } | undefined, key: string) => (item ? pick(item.label, item.label_en) : key), [pick]);
  const roleNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const role of roles) names.set(role.key, roleLabel({ role_key: role.key, role_name: role.name, role_name_en: role.name_en }));
    return names;
  }, [roles, roleLabel]);
  const roleName = useCallback((key: string) => roleNames.get(key) ?? roleLabel({ role_key: key }), [roleNames, roleLabel]);
  const durationLabel = useCallback((limit: DraftDuration) => pick(durationText(limit).zh, durationText(limit).en), [pick]);

  /** "24 小时", "5 个工作日", "按紧急程度" or "" for none. */
  const limitLabel = useCallback(
    (state: DraftState, fields: readonly DraftField[]) => {
      const limit: DraftTimeLimit | undefined = state.timeLimit ?? (state.slaHours !== undefined ? { hours: state.slaHours } : undefined);
      if (!limit || state.terminal) return "";
      if (!("byField" in limit)) return durationLabel(limit);
      const field = fields.find((f) => f.key === limit.byField);
      return `${t("workflowDesigner.limitByField")}: ${named(field, limit.byField)}`;
    },
    [durationLabel, named, t],
  );
  const problemText = useCallback((problem: WorkflowProblem) => pick(problem.message_zh, problem.message_en), [pick]);

  return { t, locale, pick, named, roleName, roleNames, durationLabel, limitLabel, problemText, stateLimit };
}

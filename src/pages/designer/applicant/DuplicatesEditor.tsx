import { Alert, Form, Select, Space, Typography } from "antd";
import type { DuplicateAction } from "@/services/applicantSchema";
import type { DefinitionError } from "@/services/schema";
import type { DraftDefinition } from "../designerDoc";
import { errorsAt } from "../errorsAt";
import { useFormDesignerTexts } from "../form/useFormDesignerTexts";

export type DraftDuplicates = NonNullable<DraftDefinition["duplicates"]>;
type Choice = DuplicateAction | "none";

interface Props {
  definition: DraftDefinition;
  errors: readonly DefinitionError[];
  /** undefined: no check at all (the key leaves the definition) */
  onChange(duplicates: DraftDuplicates | undefined): void;
}

/**
 * 重复申请检查 (duplicates): which answers make two applications the same, and what a second one
 * gets while the first is open (not in a terminal state) or once it is held (in one of the chosen
 * terminal states: the person holds what is applied for).
 */
export function DuplicatesEditor({ definition, errors, onChange }: Props) {
  const { t, label, language } = useFormDesignerTexts();
  const current: DraftDuplicates = definition.duplicates ?? {};
  const terminal = definition.workflow.states.filter((state) => state.terminal === true);
  const heldAction: Choice = current.held?.action ?? "none";
  const set = (next: DraftDuplicates) => {
    const tidy: DraftDuplicates = {
      ...((next.match ?? []).length > 0 ? { match: next.match } : {}),
      ...(next.open ? { open: next.open } : {}),
      ...(next.held ? { held: next.held } : {}),
    };
    onChange(Object.keys(tidy).length > 0 ? tidy : undefined);
  };
  const actionOptions = (["none", "warn", "refuse"] as const).map((value) => ({ value, label: t(`applicantRules.duplicates.actions.${value}`) }));
  const problems = errorsAt(errors, "duplicates");
  return (
    <Form layout="vertical" component={false}>
      <Typography.Paragraph type="secondary">{t("applicantRules.duplicates.hint")}</Typography.Paragraph>
      <Form.Item label={t("applicantRules.duplicates.match")} htmlFor="duplicates-match" extra={t("applicantRules.duplicates.matchHint")}>
        <Select
          id="duplicates-match"
          mode="multiple"
          value={current.match ?? []}
          onChange={(match: string[]) => set({ ...current, match })}
          options={definition.fields.map((field) => ({ value: field.key, label: label(field) }))}
          optionFilterProp="label"
        />
      </Form.Item>
      <Form.Item label={t("applicantRules.duplicates.open")} htmlFor="duplicates-open">
        <Select<Choice>
          id="duplicates-open"
          value={typeof current.open === "object" ? current.open.action : (current.open ?? "none")}
          onChange={(open) => set({ ...current, open: open === "none" ? undefined : open })}
          options={actionOptions}
          style={{ maxWidth: 200 }}
        />
      </Form.Item>
      <Form.Item label={t("applicantRules.duplicates.held")}>
        <Space wrap align="start">
          <Select<Choice>
            aria-label={t("applicantRules.duplicates.heldAction")}
            value={heldAction}
            onChange={(action) =>
              set({
                ...current,
                held: action === "none" ? undefined : { states: current.held?.states ?? (terminal[0] ? [terminal[0].key] : []), action },
              })
            }
            options={actionOptions}
            style={{ minWidth: 120 }}
          />
          {heldAction !== "none" && (
            <Select
              aria-label={t("applicantRules.duplicates.heldStates")}
              placeholder={t("applicantRules.duplicates.heldStates")}
              mode="multiple"
              value={current.held?.states ?? []}
              onChange={(states: string[]) => current.held && set({ ...current, held: { ...current.held, states } })}
              options={terminal.map((state) => ({ value: state.key, label: label(state) }))}
              optionFilterProp="label"
              style={{ minWidth: 220 }}
            />
          )}
        </Space>
      </Form.Item>
      {problems.length > 0 && (
        <Alert type="error" showIcon message={problems.map((problem) => (language === "en" ? problem.message_en : problem.message_zh)).join("；")} />
      )}
    </Form>
  );
}

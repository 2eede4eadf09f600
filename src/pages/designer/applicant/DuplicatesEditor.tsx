import { Alert, Form, Select, Space, Typography } from "antd";
import type { DuplicateAction } from "@/services/applicantSchema";
import type { RuleCondition } from "@/services/conditionSchema";
import type { DefinitionError } from "@/services/schema";
import type { DraftDefinition } from "../designerDoc";
import { errorsAt } from "../errorsAt";
import { useFormDesignerTexts } from "../form/useFormDesignerTexts";
import { ConditionalActionFields } from "./ConditionalActionFields";

export type DraftDuplicates = NonNullable<DraftDefinition["duplicates"]>;
type Choice = DuplicateAction | "none";
type Conditional = { when: RuleCondition | undefined; otherwise: DuplicateAction | undefined };

/** `open` as written: an action, or {action, when?, otherwise?} (a condition on the new answers). */
function openParts(open: DraftDuplicates["open"]): { action: Choice } & Conditional {
  if (open === undefined) return { action: "none", when: undefined, otherwise: undefined };
  if (typeof open === "string") return { action: open, when: undefined, otherwise: undefined };
  return { action: open.action, when: open.when as RuleCondition | undefined, otherwise: open.otherwise };
}

/** Back to the language: the plain action while there is no condition (definitions stay as they were written). */
function openValue({ action, when, otherwise }: { action: Choice } & Conditional): DraftDuplicates["open"] {
  if (action === "none") return undefined;
  if (!when) return action;
  return { action, when, ...(otherwise ? { otherwise } : {}) };
}

interface Props {
  definition: DraftDefinition;
  errors: readonly DefinitionError[];
  /** undefined: no check at all (the key leaves the definition) */
  onChange(duplicates: DraftDuplicates | undefined): void;
}

/**
 * 重复申请检查 (duplicates): which answers make two applications the same, and what a second one
 * gets while the first is open (not in a terminal state) or once it is held (in one of the chosen
 * terminal states: the person holds what is applied for). Each may depend on the new application's
 * answers: 当 (the answer pickers of 申请条件) … 否则 ….
 */
export function DuplicatesEditor({ definition, errors, onChange }: Props) {
  const { t, label, language } = useFormDesignerTexts();
  const current: DraftDuplicates = definition.duplicates ?? {};
  const terminal = definition.workflow.states.filter((state) => state.terminal === true);
  const heldAction: Choice = current.held?.action ?? "none";
  const open = openParts(current.open);
  const openName = t("applicantRules.duplicates.open");
  const heldName = t("applicantRules.duplicates.held");
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
          value={open.action}
          onChange={(action) => set({ ...current, open: openValue({ ...open, action }) })}
          options={actionOptions}
          style={{ maxWidth: 200 }}
        />
        {open.action !== "none" && (
          <ConditionalActionFields
            name={openName}
            when={open.when}
            otherwise={open.otherwise}
            fields={definition.fields}
            onChange={(next) => set({ ...current, open: openValue({ ...open, ...next }) })}
          />
        )}
      </Form.Item>
      <Form.Item label={t("applicantRules.duplicates.held")}>
        <Space wrap align="start">
          <Select<Choice>
            aria-label={t("applicantRules.duplicates.heldAction")}
            value={heldAction}
            onChange={(action) =>
              set({
                ...current,
                held: action === "none" ? undefined : { ...current.held, states: current.held?.states ?? (terminal[0] ? [terminal[0].key] : []), action },
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
        {current.held && (
          <ConditionalActionFields
            name={heldName}
            when={current.held.when as RuleCondition | undefined}
            otherwise={current.held.otherwise}
            fields={definition.fields}
            onChange={({ when, otherwise }) => {
              if (!current.held) return;
              const { when: _when, otherwise: _otherwise, ...held } = current.held;
              set({ ...current, held: { ...held, ...(when ? { when } : {}), ...(when && otherwise ? { otherwise } : {}) } });
            }}
          />
        )}
      </Form.Item>
      {problems.length > 0 && (
        <Alert type="error" showIcon message={problems.map((problem) => (language === "en" ? problem.message_en : problem.message_zh)).join("；")} />
      )}
    </Form>
  );
}

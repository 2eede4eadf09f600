import { Form, Radio, Select, Space, Typography } from "antd";
import { DurationInput } from "./DurationInput";
import { fieldChoices, useWorkflowLabels } from "./useWorkflowLabels";
import type { DraftDuration, DraftField, DraftState, DraftTimeLimit } from "./workflowTypes";

type Mode = "none" | "hours" | "workdays" | "byField";

type Props = {
  state: DraftState;
  fields: readonly DraftField[];
  /** the new limit; undefined: none. The older slaHours is folded into it. */
  onChange: (limit: DraftTimeLimit | undefined) => void;
};

/** 办理时限: none, calendar hours, 工作日, or one per answer of a choice field (紧急程度 红 → 2 小时) with a default. */
export function TimeLimitEditor({ state, fields, onChange }: Props) {
  const { t, named } = useWorkflowLabels([]);
  const limit: DraftTimeLimit | undefined = state.timeLimit ?? (state.slaHours !== undefined ? { hours: state.slaHours } : undefined);
  const mode: Mode = !limit ? "none" : "byField" in limit ? "byField" : "hours" in limit ? "hours" : "workdays";
  const choiceFields = fields.filter((field) => fieldChoices(field).length > 0);

  const switchTo = (next: Mode) => {
    if (next === "none") onChange(undefined);
    else if (next === "hours") onChange({ hours: 24 });
    else if (next === "workdays") onChange({ workdays: 5 });
    else if (choiceFields[0]) onChange({ byField: choiceFields[0].key, values: {}, default: limit && !("byField" in limit) ? limit : undefined });
  };

  const byField = limit && "byField" in limit ? limit : undefined;
  const field = byField ? fields.find((f) => f.key === byField.byField) : undefined;
  const setValue = (answer: string, duration: DraftDuration | undefined) => {
    if (!byField) return;
    const values = { ...byField.values };
    if (duration) values[answer] = duration;
    else delete values[answer];
    onChange({ ...byField, values });
  };

  return (
    <Form.Item label={t("workflowDesigner.timeLimit")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Radio.Group
          optionType="button"
          value={mode}
          onChange={(event) => switchTo(event.target.value as Mode)}
          options={[
            { value: "none", label: t("workflowDesigner.limitNone") },
            { value: "hours", label: t("workflowDesigner.limitHours") },
            { value: "workdays", label: t("workflowDesigner.limitWorkdays") },
            { value: "byField", label: t("workflowDesigner.limitByField"), disabled: choiceFields.length === 0 },
          ]}
        />
        {limit && !("byField" in limit) && <DurationInput aria-label={t("workflowDesigner.timeLimit")} value={limit} onChange={(next) => onChange(next)} />}
        {mode === "byField" && byField && (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Select
              aria-label={t("workflowDesigner.byField")}
              value={byField.byField}
              onChange={(key: string) => onChange({ byField: key, values: {}, default: byField.default })}
              options={choiceFields.map((f) => ({ value: f.key, label: named(f, f.key) }))}
              style={{ width: "100%" }}
            />
            {fieldChoices(field, t("workflowDesigner.yes"), t("workflowDesigner.no")).map((choice) => (
              <Space key={choice.value} wrap>
                <Typography.Text style={{ display: "inline-block", minWidth: 80 }}>{named(choice, choice.value)}</Typography.Text>
                <DurationInput
                  allowNone
                  aria-label={named(choice, choice.value)}
                  value={byField.values[choice.value]}
                  onChange={(next) => setValue(choice.value, next)}
                />
              </Space>
            ))}
            <Space wrap>
              <Typography.Text style={{ display: "inline-block", minWidth: 80 }}>{t("workflowDesigner.byFieldDefault")}</Typography.Text>
              <DurationInput
                allowNone
                aria-label={t("workflowDesigner.byFieldDefault")}
                value={byField.default}
                onChange={(next) => onChange({ byField: byField.byField, values: byField.values, ...(next ? { default: next } : {}) })}
              />
            </Space>
          </Space>
        )}
        {choiceFields.length === 0 && <Typography.Text type="secondary">{t("workflowDesigner.byFieldNone")}</Typography.Text>}
      </Space>
    </Form.Item>
  );
}

import { Checkbox, Input, InputNumber, Select, Space } from "antd";
import type { RuleLeaf } from "@/services/conditionSchema";
import { operatorTakesList, type GuardLeaf } from "./guardPickers";
import { fieldChoices, useWorkflowLabels } from "./useWorkflowLabels";
import type { DraftField } from "./workflowTypes";

type Value = RuleLeaf["value"];
type Scalar = string | number | boolean | null;

type Props = {
  leaf: GuardLeaf;
  field: DraftField | undefined;
  onChange: (value: Value) => void;
  "aria-label": string;
};

const isToday = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);

/** The value side of a guard's leaf, shaped by the field: its choices, 是/否, a number, a date or 今天, else text. */
export function GuardValueInput({ leaf, field, onChange, "aria-label": ariaLabel }: Props) {
  const { t, named } = useWorkflowLabels([]);
  const list = operatorTakesList(leaf.op);
  if (field?.type === "boolean") {
    const options = [
      { value: "true", label: t("workflowDesigner.yes") },
      { value: "false", label: t("workflowDesigner.no") },
    ];
    const asText = (v: unknown) => (typeof v === "boolean" ? String(v) : undefined);
    return (
      <Select
        aria-label={ariaLabel}
        value={asText(leaf.value)}
        onChange={(text: string) => onChange(text === "true")}
        options={options}
        style={{ minWidth: 100 }}
      />
    );
  }
  const choices = fieldChoices(field);
  if (choices.length > 0 || list) {
    const values = Array.isArray(leaf.value) ? leaf.value : [];
    return (
      <Select<Scalar | Scalar[]>
        aria-label={ariaLabel}
        mode={list ? (choices.length > 0 ? "multiple" : "tags") : undefined}
        value={list ? values : (leaf.value as Scalar | undefined)}
        onChange={(next) => onChange(next)}
        options={choices.map((choice) => ({ value: choice.value, label: named(choice, choice.value) }))}
        style={{ minWidth: 160 }}
      />
    );
  }
  if (field && ["number", "money"].includes(field.type))
    return (
      <InputNumber
        aria-label={ariaLabel}
        value={typeof leaf.value === "number" ? leaf.value : null}
        onChange={(n) => onChange(typeof n === "number" ? n : undefined)}
      />
    );
  if (field && ["date", "datetime"].includes(field.type))
    return (
      <Space>
        {!isToday(leaf.value) && (
          <Input
            aria-label={ariaLabel}
            placeholder="YYYY-MM-DD"
            value={typeof leaf.value === "string" ? leaf.value : ""}
            onChange={(event) => onChange(event.target.value)}
            style={{ width: 130 }}
          />
        )}
        <Checkbox checked={isToday(leaf.value)} onChange={(event) => onChange(event.target.checked ? { today: true } : "")}>
          {t("workflowDesigner.today")}
        </Checkbox>
      </Space>
    );
  return (
    <Input
      aria-label={ariaLabel}
      value={typeof leaf.value === "string" ? leaf.value : ""}
      onChange={(event) => onChange(event.target.value)}
      style={{ width: 160 }}
    />
  );
}

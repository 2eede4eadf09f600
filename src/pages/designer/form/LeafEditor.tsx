import { Select, Space, Typography } from "antd";
import type { ConditionOperator } from "@/services/schema";
import type { DraftField } from "../designerDoc";
import { AnswerValueInput } from "./AnswerValueInput";
import { comparisonOperators, conditionOperatorsFor, operatorValueKind } from "./conditionOperators";
import { withField, withOperator, type Leaf } from "./conditionParts";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface LeafEditorProps {
  leaf: Leaf;
  onChange(leaf: Leaf): void;
  /** the fields the condition may read */
  fields: readonly DraftField[];
  /** fields offered but refused (sensitive), with why */
  refuse?: (field: DraftField) => boolean;
  /** rules may compare with another field or today; visibility conditions only with a value */
  allowCompare?: boolean;
  /** names the pickers for screen readers and tests, e.g. 显示条件 */
  name: string;
}

type Compare = "constant" | "field" | "today";
const isToday = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);

/** One condition as a sentence of pickers: [字段] [条件] [值] — never typed code. */
export function LeafEditor({ leaf, onChange, fields, refuse, allowCompare = false, name }: LeafEditorProps) {
  const { t, label } = useFormDesignerTexts();
  const source = fields.find((field) => field.key === leaf.field);
  const operators: ConditionOperator[] = source ? conditionOperatorsFor(source.type) : [];
  const kind = operatorValueKind(leaf.op);
  const compare: Compare = leaf.valueFrom !== undefined ? "field" : isToday(leaf.value) ? "today" : "constant";
  const canCompare = allowCompare && comparisonOperators.includes(leaf.op);
  const isDate = source?.type === "date" || source?.type === "datetime";
  const setCompare = (next: Compare) => {
    const base = { field: leaf.field, op: leaf.op };
    onChange(next === "field" ? { ...base, valueFrom: "" } : next === "today" ? { ...base, value: { today: true } } : base);
  };
  return (
    <Space wrap align="start">
      <Select
        aria-label={`${name}：${t("formDesigner.condition.field")}`}
        placeholder={t("formDesigner.condition.pickField")}
        value={leaf.field || undefined}
        onChange={(key: string) => {
          const picked = fields.find((field) => field.key === key);
          if (picked) onChange(withField(leaf, key, conditionOperatorsFor(picked.type)));
        }}
        style={{ minWidth: 160 }}
        showSearch
        optionFilterProp="label"
        options={fields.map((field) => ({
          value: field.key,
          label: refuse?.(field) ? t("formDesigner.condition.sensitiveOption", { label: label(field) }) : label(field),
          disabled: refuse?.(field) ?? false,
        }))}
      />
      <Select
        aria-label={`${name}：${t("formDesigner.condition.op")}`}
        value={source ? leaf.op : undefined}
        disabled={!source}
        onChange={(op: ConditionOperator) => onChange(withOperator(leaf, op))}
        style={{ minWidth: 120 }}
        options={operators.map((op) => ({ value: op, label: t(`formDesigner.condition.ops.${op}`) }))}
      />
      {canCompare && (
        <Select
          aria-label={`${name}：${t("formDesigner.rules.compareConstant")}`}
          value={compare}
          onChange={setCompare}
          style={{ minWidth: 100 }}
          options={[
            { value: "constant", label: t("formDesigner.rules.compareConstant") },
            { value: "field", label: t("formDesigner.rules.compareField") },
            ...(isDate ? [{ value: "today", label: t("formDesigner.rules.compareToday") }] : []),
          ]}
        />
      )}
      {source && kind !== "none" && canCompare && compare === "field" && (
        <Select
          aria-label={`${name}：${t("formDesigner.rules.compareField")}`}
          value={leaf.valueFrom || undefined}
          onChange={(key: string) => onChange({ field: leaf.field, op: leaf.op, valueFrom: key })}
          style={{ minWidth: 160 }}
          options={fields.filter((field) => field.key !== leaf.field).map((field) => ({ value: field.key, label: label(field) }))}
        />
      )}
      {source && kind !== "none" && (!canCompare || compare === "constant") && (
        <AnswerValueInput
          field={source}
          multiple={kind === "list"}
          aria-label={`${name}：${t("formDesigner.condition.value")}`}
          value={leaf.value}
          onChange={(value) => onChange(value === undefined ? { field: leaf.field, op: leaf.op } : ({ field: leaf.field, op: leaf.op, value } as Leaf))}
        />
      )}
      {compare === "today" && canCompare && <Typography.Text>{t("formDesigner.rules.compareToday")}</Typography.Text>}
    </Space>
  );
}

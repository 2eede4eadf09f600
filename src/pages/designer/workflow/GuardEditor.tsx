import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Radio, Select, Space } from "antd";
import type { RuleCondition } from "@/services/conditionSchema";
import { GuardValueInput } from "./GuardValueInput";
import {
  describeGuard,
  fromSimpleGuard,
  operatorsFor,
  operatorTakesValue,
  toSimpleGuard,
  withOperator,
  type GuardLeaf,
  type SimpleGuard,
} from "./guardPickers";
import { useWorkflowLabels } from "./useWorkflowLabels";
import type { DraftField } from "./workflowTypes";

type Props = {
  when: unknown;
  fields: readonly DraftField[];
  onChange: (when: RuleCondition | undefined) => void;
};

/** 办理条件: none, or all / any of (field, comparison, value) rows built with pickers. */
export function GuardEditor({ when, fields, onChange }: Props) {
  const { t, named, pick } = useWorkflowLabels([]);
  const guard = toSimpleGuard(when);
  if (guard === "complex") {
    const text = describeGuard(fields, when) ?? { zh: "?", en: "?" };
    return (
      <Form.Item label={t("workflowDesigner.guard")}>
        <Alert
          type="info"
          message={t("workflowDesigner.guardAdvanced", { text: pick(text.zh, text.en) })}
          action={<Button onClick={() => onChange(undefined)}>{t("workflowDesigner.guardClear")}</Button>}
        />
      </Form.Item>
    );
  }
  const current: SimpleGuard = guard ?? { mode: "all", leaves: [] };
  const write = (next: SimpleGuard) => onChange(fromSimpleGuard(next));
  const setLeaf = (index: number, leaf: GuardLeaf) => write({ ...current, leaves: current.leaves.map((l, i) => (i === index ? leaf : l)) });
  const firstField = fields[0];

  return (
    <Form.Item label={t("workflowDesigner.guard")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        {current.leaves.length > 1 && (
          <Radio.Group
            optionType="button"
            value={current.mode}
            onChange={(event) => write({ ...current, mode: event.target.value as SimpleGuard["mode"] })}
            options={[
              { value: "all", label: t("workflowDesigner.guardAll") },
              { value: "any", label: t("workflowDesigner.guardAny") },
            ]}
          />
        )}
        {current.leaves.length === 0 && <span>{t("workflowDesigner.guardNone")}</span>}
        {current.leaves.map((leaf, index) => {
          const field = fields.find((f) => f.key === leaf.field);
          return (
            <Card size="small" key={index}>
              <Space wrap>
                <Select
                  aria-label={`${t("workflowDesigner.guard")} ${index + 1} ${t("workflowDesigner.guardField")}`}
                  value={leaf.field}
                  onChange={(key: string) => write({ ...current, leaves: current.leaves.map((l, i) => (i === index ? { field: key, op: "not_empty" } : l)) })}
                  options={fields.map((f) => ({ value: f.key, label: named(f, f.key) }))}
                  showSearch
                  optionFilterProp="label"
                  style={{ minWidth: 140 }}
                  status={field ? undefined : "error"}
                />
                <Select
                  aria-label={`${t("workflowDesigner.guard")} ${index + 1} ${t("workflowDesigner.guardOp")}`}
                  value={leaf.op}
                  onChange={(op: GuardLeaf["op"]) => setLeaf(index, withOperator(leaf, op))}
                  options={operatorsFor(field).map((op) => ({ value: op, label: t(`workflowDesigner.ops.${op}`) }))}
                  style={{ minWidth: 120 }}
                />
                {operatorTakesValue(leaf.op) && (
                  <GuardValueInput
                    aria-label={`${t("workflowDesigner.guard")} ${index + 1} ${t("workflowDesigner.guardValue")}`}
                    leaf={leaf}
                    field={field}
                    onChange={(value) => setLeaf(index, { ...leaf, value })}
                  />
                )}
                <Button
                  aria-label={t("workflowDesigner.removeItem")}
                  icon={<DeleteOutlined />}
                  onClick={() => write({ ...current, leaves: current.leaves.filter((_, i) => i !== index) })}
                />
              </Space>
            </Card>
          );
        })}
        <Button
          icon={<PlusOutlined />}
          disabled={!firstField}
          onClick={() => firstField && write({ ...current, leaves: [...current.leaves, { field: firstField.key, op: "not_empty" }] })}
        >
          {t("workflowDesigner.addCondition")}
        </Button>
      </Space>
    </Form.Item>
  );
}

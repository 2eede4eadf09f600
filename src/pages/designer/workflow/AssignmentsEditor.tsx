import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, InputNumber, Select, Space } from "antd";
import { fieldChoices, useWorkflowLabels } from "./useWorkflowLabels";
import type { DraftAssignment, DraftField } from "./workflowTypes";

type Source = "value" | "current_user" | "now" | "target_level";

type Props = {
  assignments: readonly DraftAssignment[];
  fields: readonly DraftField[];
  /** target_level needs an escalation; offered only then */
  escalates: boolean;
  onChange: (assignments: DraftAssignment[]) => void;
};

/** 自动填写: fields the transition fills itself — a fixed value, the acting user, the current time or the level it sends the record to. */
export function AssignmentsEditor({ assignments, fields, escalates, onChange }: Props) {
  const { t, named } = useWorkflowLabels([]);
  const set = (index: number, assignment: DraftAssignment) => onChange(assignments.map((a, i) => (i === index ? assignment : a)));
  const sourceOf = (a: DraftAssignment): Source => a.from ?? "value";
  const switchSource = (a: DraftAssignment, source: Source): DraftAssignment =>
    source === "value" ? { field: a.field, value: "" } : { field: a.field, from: source, ...(source === "target_level" && a.map ? { map: a.map } : {}) };

  return (
    <Form.Item label={t("workflowDesigner.set")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        {assignments.map((assignment, index) => {
          const field = fields.find((f) => f.key === assignment.field);
          const choices = fieldChoices(field, t("workflowDesigner.yes"), t("workflowDesigner.no"));
          const source = sourceOf(assignment);
          return (
            <Card size="small" key={index}>
              <Space wrap>
                <Select
                  aria-label={`${t("workflowDesigner.set")} ${index + 1} ${t("workflowDesigner.setField")}`}
                  value={assignment.field}
                  onChange={(key: string) => set(index, { ...assignment, field: key })}
                  options={fields.map((f) => ({ value: f.key, label: named(f, f.key) }))}
                  showSearch
                  optionFilterProp="label"
                  status={field ? undefined : "error"}
                  style={{ minWidth: 140 }}
                />
                <Select<Source>
                  aria-label={`${t("workflowDesigner.set")} ${index + 1} ${t("workflowDesigner.setSource")}`}
                  value={source}
                  onChange={(next) => set(index, switchSource(assignment, next))}
                  style={{ minWidth: 130 }}
                  options={[
                    { value: "value", label: t("workflowDesigner.setValue") },
                    { value: "current_user", label: t("workflowDesigner.sourceCurrentUser") },
                    { value: "now", label: t("workflowDesigner.sourceNow") },
                    ...(escalates || source === "target_level" ? [{ value: "target_level" as const, label: t("workflowDesigner.sourceTargetLevel") }] : []),
                  ]}
                />
                {source === "value" && field?.type === "boolean" && (
                  <Select
                    aria-label={`${t("workflowDesigner.set")} ${index + 1} ${t("workflowDesigner.setValueInput")}`}
                    value={typeof assignment.value === "boolean" ? String(assignment.value) : undefined}
                    onChange={(text: string) => set(index, { field: assignment.field, value: text === "true" })}
                    options={choices}
                    style={{ minWidth: 90 }}
                  />
                )}
                {source === "value" && field?.type !== "boolean" && choices.length > 0 && (
                  <Select
                    aria-label={`${t("workflowDesigner.set")} ${index + 1} ${t("workflowDesigner.setValueInput")}`}
                    value={typeof assignment.value === "string" ? assignment.value : undefined}
                    onChange={(value: string) => set(index, { field: assignment.field, value })}
                    options={choices.map((choice) => ({ value: choice.value, label: named(choice, choice.value) }))}
                    style={{ minWidth: 140 }}
                  />
                )}
                {source === "value" && choices.length === 0 && field && ["number", "money"].includes(field.type) && (
                  <InputNumber
                    aria-label={`${t("workflowDesigner.set")} ${index + 1} ${t("workflowDesigner.setValueInput")}`}
                    value={typeof assignment.value === "number" ? assignment.value : null}
                    onChange={(n) => set(index, { field: assignment.field, value: typeof n === "number" ? n : 0 })}
                  />
                )}
                {source === "value" && choices.length === 0 && !(field && ["number", "money"].includes(field.type)) && (
                  <Input
                    aria-label={`${t("workflowDesigner.set")} ${index + 1} ${t("workflowDesigner.setValueInput")}`}
                    value={typeof assignment.value === "string" ? assignment.value : String(assignment.value ?? "")}
                    onChange={(event) => set(index, { field: assignment.field, value: event.target.value })}
                    style={{ width: 160 }}
                  />
                )}
                <Button
                  aria-label={t("workflowDesigner.removeItem")}
                  icon={<DeleteOutlined />}
                  onClick={() => onChange(assignments.filter((_, i) => i !== index))}
                />
              </Space>
            </Card>
          );
        })}
        <Button
          icon={<PlusOutlined />}
          disabled={fields.length === 0}
          onClick={() => fields[0] && onChange([...assignments, { field: fields[0].key, from: "current_user" }])}
        >
          {t("workflowDesigner.addSet")}
        </Button>
      </Space>
    </Form.Item>
  );
}

import { Form, Input, InputNumber, Select } from "antd";
import { fieldChoices, useWorkflowLabels } from "./useWorkflowLabels";
import type { DraftField } from "./workflowTypes";

type Answers = Record<string, unknown>;

/** Field types a sample answer can be typed for; files, people and units play no part in guards here. */
const simpleTypes = new Set(["text", "textarea", "number", "money", "date", "datetime", "select", "multiselect", "boolean", "phone", "id_number"]);

export function sampleFields(fields: readonly DraftField[]): DraftField[] {
  return fields.filter((field) => simpleTypes.has(field.type));
}

type Props = {
  fields: readonly DraftField[];
  answers: Answers;
  onChange: (answers: Answers) => void;
};

/** The sample record's answers, one plain input per field (no JSON to type). */
export function SampleAnswers({ fields, answers, onChange }: Props) {
  const { t, named } = useWorkflowLabels([]);
  const set = (key: string, value: unknown) => {
    const next = { ...answers };
    if (value === undefined || value === "" || value === null) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  return (
    <Form layout="vertical" size="small">
      {sampleFields(fields).map((field) => {
        const id = `wf-sample-${field.key}`;
        const value = answers[field.key];
        let input;
        if (field.type === "boolean")
          input = (
            <Select
              id={id}
              allowClear
              value={typeof value === "boolean" ? String(value) : undefined}
              onChange={(text?: string) => set(field.key, text === undefined ? undefined : text === "true")}
              options={fieldChoices(field, t("workflowDesigner.yes"), t("workflowDesigner.no"))}
            />
          );
        else if (field.type === "select" || field.type === "multiselect")
          input = (
            <Select
              id={id}
              allowClear
              mode={field.type === "multiselect" ? "multiple" : undefined}
              value={value as string | string[] | undefined}
              onChange={(next?: string | string[]) => set(field.key, Array.isArray(next) && next.length === 0 ? undefined : next)}
              options={fieldChoices(field).map((choice) => ({ value: choice.value, label: named(choice, choice.value) }))}
            />
          );
        else if (field.type === "number" || field.type === "money")
          input = (
            <InputNumber id={id} value={typeof value === "number" ? value : null} onChange={(n) => set(field.key, typeof n === "number" ? n : undefined)} />
          );
        else
          input = (
            <Input
              id={id}
              value={typeof value === "string" ? value : ""}
              placeholder={field.type === "date" ? "YYYY-MM-DD" : undefined}
              onChange={(event) => set(field.key, event.target.value)}
            />
          );
        return (
          <Form.Item key={field.key} label={named(field, field.key)} htmlFor={id} style={{ marginBottom: 8 }}>
            {input}
          </Form.Item>
        );
      })}
    </Form>
  );
}

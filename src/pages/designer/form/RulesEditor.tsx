import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Typography } from "antd";
import type { RuleCondition } from "@/services/conditionSchema";
import type { DefinitionError } from "@/services/schema";
import type { Rule } from "@/services/ruleSchema";
import type { DraftDefinition } from "../designerDoc";
import { LeafGroupEditor } from "./LeafGroupEditor";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

type DraftRule = NonNullable<DraftDefinition["rules"]>[number];

interface RulesEditorProps {
  definition: DraftDefinition;
  onChange(rules: DraftRule[]): void;
  errors: readonly DefinitionError[];
}

/** 提交规则: "当 … 时，必须 …，否则提示 …" as cards of pickers (rules[] of the language). */
export function RulesEditor({ definition, onChange, errors }: RulesEditorProps) {
  const { t, label, language } = useFormDesignerTexts();
  const rules = definition.rules ?? [];
  const fields = definition.fields;
  const update = (index: number, patch: Partial<Rule>) =>
    onChange(
      rules.map((rule, i) => {
        if (i !== index) return rule;
        const next: Record<string, unknown> = { ...rule, ...patch };
        for (const key of Object.keys(patch)) if (next[key] === undefined || next[key] === "") delete next[key];
        return next as DraftRule;
      }),
    );
  const problemsOf = (index: number) => errors.filter((error) => error.path === `rules[${index}]` || error.path.startsWith(`rules[${index}].`));
  const add = () => {
    const first = fields[0];
    if (!first) return;
    onChange([...rules, { require: { field: first.key, op: "not_empty" }, message: t("formDesigner.rules.newMessage") }]);
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Paragraph type="secondary">{t("formDesigner.rules.hint")}</Typography.Paragraph>
      {rules.length === 0 && <Empty description={t("formDesigner.rules.empty")} />}
      {rules.map((rule, index) => {
        const name = t("formDesigner.rules.rule", { n: index + 1 });
        const problems = problemsOf(index);
        return (
          <Card
            key={index}
            size="small"
            title={name}
            extra={
              <Button size="small" danger icon={<DeleteOutlined />} onClick={() => onChange(rules.filter((_, i) => i !== index))}>
                {t("formDesigner.rules.remove")}
              </Button>
            }
          >
            <Form layout="vertical" component={false}>
              <Form.Item label={t("formDesigner.rules.when")}>
                <LeafGroupEditor
                  name={`${name} ${t("formDesigner.rules.when")}`}
                  condition={rule.when as RuleCondition | undefined}
                  fields={fields}
                  onChange={(when) => update(index, { when })}
                />
              </Form.Item>
              <Form.Item label={t("formDesigner.rules.require")} required>
                <LeafGroupEditor
                  name={`${name} ${t("formDesigner.rules.require")}`}
                  condition={rule.require as RuleCondition}
                  fields={fields}
                  onChange={(require) => (require ? update(index, { require }) : undefined)}
                />
              </Form.Item>
              <Form.Item label={t("formDesigner.rules.message")} htmlFor={`rule-${index}-message`} required>
                <Input id={`rule-${index}-message`} value={rule.message} onChange={(event) => update(index, { message: event.target.value })} />
              </Form.Item>
              <Form.Item label={t("formDesigner.rules.messageEn")} htmlFor={`rule-${index}-message-en`}>
                <Input id={`rule-${index}-message-en`} value={rule.message_en ?? ""} onChange={(event) => update(index, { message_en: event.target.value })} />
              </Form.Item>
              <Form.Item label={t("formDesigner.rules.field")} htmlFor={`rule-${index}-field`}>
                <Select
                  id={`rule-${index}-field`}
                  allowClear
                  placeholder={t("formDesigner.rules.fieldAuto")}
                  value={rule.field}
                  onChange={(field?: string) => update(index, { field })}
                  options={fields.map((field) => ({ value: field.key, label: label(field) }))}
                />
              </Form.Item>
            </Form>
            {problems.length > 0 && (
              <Alert type="error" showIcon message={problems.map((problem) => (language === "en" ? problem.message_en : problem.message_zh)).join("；")} />
            )}
          </Card>
        );
      })}
      <Button icon={<PlusOutlined />} onClick={add} disabled={fields.length === 0}>
        {t("formDesigner.rules.add")}
      </Button>
    </Space>
  );
}

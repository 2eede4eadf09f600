import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Typography } from "antd";
import type { ReactNode } from "react";
import type { RuleCondition } from "@/services/conditionSchema";
import type { DefinitionError } from "@/services/schema";
import type { DraftDefinition } from "../designerDoc";
import { errorsAt } from "../errorsAt";
import { LeafGroupEditor } from "./LeafGroupEditor";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

/** What every rule of the language shares: 当 (when), a requirement, its message and where it shows. */
export interface CardRule {
  when?: unknown;
  require: unknown;
  message: string;
  message_en?: string;
  field?: string;
}

/** The words of one list of rule cards, in the reader's language. */
export interface RuleCardTexts {
  hint: string;
  empty: string;
  rule(n: number): string;
  remove: string;
  add: string;
  when: string;
  require: string;
  message: string;
  messageEn: string;
  field: string;
  fieldAuto: string;
}

interface Props<R extends CardRule> {
  /** the definition's list these cards edit: `rules` or `eligibility`, also the errors' path and the inputs' id */
  path: "rules" | "eligibility";
  rules: readonly R[];
  fields: DraftDefinition["fields"];
  errors: readonly DefinitionError[];
  texts: RuleCardTexts;
  onChange(rules: R[]): void;
  /** the rule 添加 appends; none while there is nothing to write one about */
  newRule(): R | undefined;
  /** the requirement's editor; `ruleName` (规则 1) begins its controls' accessible names */
  renderRequire(rule: R, ruleName: string, update: (patch: Partial<R>) => void): ReactNode;
}

/**
 * A card per rule — 当 …, a requirement, 否则提示 … (zh/en) at a field — with delete and add.
 * 提交规则 and 申请条件 differ only in the requirement, which the caller renders.
 */
export function RuleCards<R extends CardRule>({ path, rules, fields, errors, texts, onChange, newRule, renderRequire }: Props<R>) {
  const { label, language } = useFormDesignerTexts();
  const update = (index: number, patch: Partial<R>) =>
    onChange(
      rules.map((rule, i) => {
        if (i !== index) return rule;
        const next: Record<string, unknown> = { ...rule, ...patch };
        for (const key of Object.keys(patch)) if (next[key] === undefined || next[key] === "") delete next[key];
        return next as R;
      }),
    );
  const add = () => {
    const rule = newRule();
    if (rule) onChange([...rules, rule]);
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Paragraph type="secondary">{texts.hint}</Typography.Paragraph>
      {rules.length === 0 && <Empty description={texts.empty} />}
      {rules.map((rule, index) => {
        const name = texts.rule(index + 1);
        const id = `${path === "rules" ? "rule" : path}-${index}`;
        const problems = errorsAt(errors, `${path}[${index}]`);
        return (
          <Card
            key={index}
            size="small"
            title={name}
            extra={
              <Button size="small" danger icon={<DeleteOutlined />} onClick={() => onChange(rules.filter((_, i) => i !== index))}>
                {texts.remove}
              </Button>
            }
          >
            <Form layout="vertical" component={false}>
              <Form.Item label={texts.when}>
                <LeafGroupEditor
                  name={`${name} ${texts.when}`}
                  condition={rule.when as RuleCondition | undefined}
                  fields={fields}
                  onChange={(when) => update(index, { when } as Partial<R>)}
                />
              </Form.Item>
              <Form.Item label={texts.require} required>
                {renderRequire(rule, name, (patch) => update(index, patch))}
              </Form.Item>
              <Form.Item label={texts.message} htmlFor={`${id}-message`} required>
                <Input id={`${id}-message`} value={rule.message} onChange={(event) => update(index, { message: event.target.value } as Partial<R>)} />
              </Form.Item>
              <Form.Item label={texts.messageEn} htmlFor={`${id}-message-en`}>
                <Input
                  id={`${id}-message-en`}
                  value={rule.message_en ?? ""}
                  onChange={(event) => update(index, { message_en: event.target.value } as Partial<R>)}
                />
              </Form.Item>
              <Form.Item label={texts.field} htmlFor={`${id}-field`}>
                <Select
                  id={`${id}-field`}
                  allowClear
                  placeholder={texts.fieldAuto}
                  value={rule.field}
                  onChange={(field?: string) => update(index, { field } as Partial<R>)}
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
      <Button icon={<PlusOutlined />} onClick={add} disabled={newRule() === undefined}>
        {texts.add}
      </Button>
    </Space>
  );
}

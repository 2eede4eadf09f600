import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Form, Input, Radio, Select, Space, Typography } from "antd";
import type { ApplicantLeaf } from "@/services/applicantSchema";
import type { RuleCondition } from "@/services/conditionSchema";
import type { DefinitionError } from "@/services/schema";
import type { DraftDefinition } from "../designerDoc";
import { errorsAt } from "../errorsAt";
import { LeafGroupEditor } from "../form/LeafGroupEditor";
import { useFormDesignerTexts } from "../form/useFormDesignerTexts";
import type { TagKindOption } from "../useTagKinds";
import { ApplicantLeafEditor } from "./ApplicantLeafEditor";
import { personCondition, personGroup, type PersonGroup } from "./applicantRequire";

export type DraftEligibilityRule = NonNullable<DraftDefinition["eligibility"]>[number];

interface Props {
  definition: DraftDefinition;
  kinds: readonly TagKindOption[];
  errors: readonly DefinitionError[];
  onChange(rules: DraftEligibilityRule[]): void;
}

/** 申请条件 (eligibility[]): "当 … 时，申请人须 …，否则提示 …" as cards of pickers. */
export function EligibilityEditor({ definition, kinds, errors, onChange }: Props) {
  const { t, label, language } = useFormDesignerTexts();
  const rules = definition.eligibility ?? [];
  const fields = definition.fields;
  const update = (index: number, patch: Partial<DraftEligibilityRule>) =>
    onChange(
      rules.map((rule, i) => {
        if (i !== index) return rule;
        const next: Record<string, unknown> = { ...rule, ...patch };
        for (const key of Object.keys(patch)) if (next[key] === undefined || next[key] === "") delete next[key];
        return next as DraftEligibilityRule;
      }),
    );
  const add = () =>
    onChange([...rules, { require: { resident: "age", op: "gte", value: 60 }, message: t("applicantRules.eligibility.newMessage") } as DraftEligibilityRule]);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Paragraph type="secondary">{t("applicantRules.eligibility.hint")}</Typography.Paragraph>
      {rules.length === 0 && <Empty description={t("applicantRules.eligibility.empty")} />}
      {rules.map((rule, index) => {
        const name = t("applicantRules.eligibility.rule", { n: index + 1 });
        const problems = errorsAt(errors, `eligibility[${index}]`);
        const group = personGroup(rule.require);
        const setGroup = (next: PersonGroup) => {
          const require = personCondition(next);
          if (require) update(index, { require });
        };
        return (
          <Card
            key={index}
            size="small"
            title={name}
            extra={
              <Button size="small" danger icon={<DeleteOutlined />} onClick={() => onChange(rules.filter((_, i) => i !== index))}>
                {t("applicantRules.eligibility.remove")}
              </Button>
            }
          >
            <Form layout="vertical" component={false}>
              <Form.Item label={t("applicantRules.eligibility.when")}>
                <LeafGroupEditor
                  name={`${name} ${t("applicantRules.eligibility.when")}`}
                  condition={rule.when as RuleCondition | undefined}
                  fields={fields}
                  onChange={(when) => update(index, { when })}
                />
              </Form.Item>
              <Form.Item label={t("applicantRules.eligibility.require")} required>
                {group ? (
                  <Space direction="vertical" style={{ width: "100%" }}>
                    {group.leaves.length > 1 && (
                      <Radio.Group
                        aria-label={`${name} ${t("applicantRules.eligibility.require")}`}
                        value={group.mode}
                        onChange={(event) => setGroup({ ...group, mode: event.target.value as "all" | "any" })}
                        options={[
                          { value: "all", label: t("applicantRules.eligibility.all") },
                          { value: "any", label: t("applicantRules.eligibility.any") },
                        ]}
                      />
                    )}
                    {group.leaves.map((leaf, k) => (
                      <Space key={k} align="start" wrap>
                        <ApplicantLeafEditor
                          name={`${name} ${t("applicantRules.eligibility.require")} ${k + 1}`}
                          leaf={leaf}
                          kinds={kinds}
                          onChange={(next: ApplicantLeaf) => setGroup({ ...group, leaves: group.leaves.map((current, i) => (i === k ? next : current)) })}
                        />
                        {group.leaves.length > 1 && (
                          <Button
                            aria-label={`${name} ${t("applicantRules.eligibility.removeLeaf")} ${k + 1}`}
                            icon={<DeleteOutlined />}
                            onClick={() => setGroup({ ...group, leaves: group.leaves.filter((_, i) => i !== k) })}
                          />
                        )}
                      </Space>
                    ))}
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => setGroup({ ...group, leaves: [...group.leaves, { resident: "age", op: "gte", value: 60 }] })}
                    >
                      {t("applicantRules.eligibility.addLeaf")}
                    </Button>
                  </Space>
                ) : (
                  <Alert
                    type="info"
                    message={t("applicantRules.eligibility.complex", { text: JSON.stringify(rule.require) })}
                    action={
                      <Button onClick={() => update(index, { require: { resident: "age", op: "gte", value: 60 } })}>
                        {t("applicantRules.eligibility.replace")}
                      </Button>
                    }
                  />
                )}
              </Form.Item>
              <Form.Item label={t("applicantRules.eligibility.message")} htmlFor={`eligibility-${index}-message`} required>
                <Input id={`eligibility-${index}-message`} value={rule.message} onChange={(event) => update(index, { message: event.target.value })} />
              </Form.Item>
              <Form.Item label={t("applicantRules.eligibility.messageEn")} htmlFor={`eligibility-${index}-message-en`}>
                <Input
                  id={`eligibility-${index}-message-en`}
                  value={rule.message_en ?? ""}
                  onChange={(event) => update(index, { message_en: event.target.value })}
                />
              </Form.Item>
              <Form.Item label={t("applicantRules.eligibility.field")} htmlFor={`eligibility-${index}-field`}>
                <Select
                  id={`eligibility-${index}-field`}
                  allowClear
                  placeholder={t("applicantRules.eligibility.fieldAuto")}
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
      <Button icon={<PlusOutlined />} onClick={add}>
        {t("applicantRules.eligibility.add")}
      </Button>
    </Space>
  );
}

import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Radio, Space } from "antd";
import type { ApplicantLeaf } from "@/services/applicantSchema";
import type { DefinitionError } from "@/services/schema";
import type { DraftDefinition } from "../designerDoc";
import { RuleCards } from "../form/RuleCards";
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
  const { t } = useFormDesignerTexts();
  const requireName = t("applicantRules.eligibility.require");
  return (
    <RuleCards<DraftEligibilityRule>
      path="eligibility"
      rules={definition.eligibility ?? []}
      fields={definition.fields}
      errors={errors}
      onChange={onChange}
      texts={{
        hint: t("applicantRules.eligibility.hint"),
        empty: t("applicantRules.eligibility.empty"),
        rule: (n) => t("applicantRules.eligibility.rule", { n }),
        remove: t("applicantRules.eligibility.remove"),
        add: t("applicantRules.eligibility.add"),
        when: t("applicantRules.eligibility.when"),
        require: requireName,
        message: t("applicantRules.eligibility.message"),
        messageEn: t("applicantRules.eligibility.messageEn"),
        field: t("applicantRules.eligibility.field"),
        fieldAuto: t("applicantRules.eligibility.fieldAuto"),
      }}
      newRule={() => ({ require: { resident: "age", op: "gte", value: 60 }, message: t("applicantRules.eligibility.newMessage") }) as DraftEligibilityRule}
      renderRequire={(rule, ruleName, update) => {
        const group = personGroup(rule.require);
        if (!group)
          return (
            <Alert
              type="info"
              message={t("applicantRules.eligibility.complex", { text: JSON.stringify(rule.require) })}
              action={
                <Button onClick={() => update({ require: { resident: "age", op: "gte", value: 60 } } as Partial<DraftEligibilityRule>)}>
                  {t("applicantRules.eligibility.replace")}
                </Button>
              }
            />
          );
        const setGroup = (next: PersonGroup) => {
          const require = personCondition(next);
          if (require) update({ require } as Partial<DraftEligibilityRule>);
        };
        const name = `${ruleName} ${requireName}`;
        return (
          <Space direction="vertical" style={{ width: "100%" }}>
            {group.leaves.length > 1 && (
              <Radio.Group
                aria-label={name}
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
                  name={`${name} ${k + 1}`}
                  leaf={leaf}
                  kinds={kinds}
                  onChange={(next: ApplicantLeaf) => setGroup({ ...group, leaves: group.leaves.map((current, i) => (i === k ? next : current)) })}
                />
                {group.leaves.length > 1 && (
                  <Button
                    aria-label={`${ruleName} ${t("applicantRules.eligibility.removeLeaf")} ${k + 1}`}
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
        );
      }}
    />
  );
}

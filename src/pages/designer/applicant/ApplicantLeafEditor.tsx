import { InputNumber, Select, Space, Typography } from "antd";
import { useT } from "@/i18n";
import type { ApplicantLeaf } from "@/services/applicantSchema";
import type { TagKindOption } from "../useTagKinds";
import { ageOperators, tagOperators, withTagOperator, type TagOperator } from "./applicantRequire";

interface Props {
  leaf: ApplicantLeaf;
  onChange(leaf: ApplicantLeaf): void;
  /** every kind, the age ones included: a rule may read 80岁以上 as well as the birth date */
  kinds: readonly TagKindOption[];
  /** names the pickers, e.g. 申请条件 1 要求 1 */
  name: string;
}

/** One requirement on the applicant as pickers: [申请人年龄] [≥] [60] 周岁, or [申请人标签] [有] [退役军人]. */
export function ApplicantLeafEditor({ leaf, onChange, kinds, name }: Props) {
  const t = useT();
  const tagOptions = kinds.map((kind) => ({ value: kind.value, label: kind.label }));
  const switchAttribute = (attribute: "age" | "tags") =>
    onChange(
      attribute === "age" ? { resident: "age", op: "gte", value: 60 } : { resident: "tags", op: "eq", value: kinds.find((k) => !k.derived)?.value ?? "" },
    );
  return (
    <Space wrap align="start">
      <Select
        aria-label={`${name}：${t("applicantRules.eligibility.attribute")}`}
        value={leaf.resident}
        onChange={switchAttribute}
        style={{ minWidth: 130 }}
        options={[
          { value: "age", label: t("applicantRules.eligibility.age") },
          { value: "tags", label: t("applicantRules.eligibility.tags") },
        ]}
      />
      {leaf.resident === "age" ? (
        <>
          <Select
            aria-label={`${name}：${t("applicantRules.eligibility.op")}`}
            value={leaf.op as (typeof ageOperators)[number]}
            onChange={(op: (typeof ageOperators)[number]) => onChange({ ...leaf, op })}
            style={{ minWidth: 120 }}
            options={ageOperators.map((op) => ({ value: op, label: t(`applicantRules.eligibility.ageOps.${op}`) }))}
          />
          <InputNumber
            aria-label={`${name}：${t("applicantRules.eligibility.value")}`}
            min={0}
            max={150}
            precision={0}
            value={typeof leaf.value === "number" ? leaf.value : null}
            onChange={(value) => onChange({ ...leaf, value: typeof value === "number" ? value : 0 })}
          />
          <Typography.Text>{t("applicantRules.eligibility.years")}</Typography.Text>
        </>
      ) : (
        <>
          <Select
            aria-label={`${name}：${t("applicantRules.eligibility.op")}`}
            value={leaf.op as TagOperator}
            onChange={(op: TagOperator) => onChange(withTagOperator(leaf, op))}
            style={{ minWidth: 120 }}
            options={tagOperators.map((op) => ({ value: op, label: t(`applicantRules.eligibility.tagOps.${op}`) }))}
          />
          {Array.isArray(leaf.value) ? (
            <Select
              aria-label={`${name}：${t("applicantRules.eligibility.value")}`}
              mode="multiple"
              value={leaf.value}
              onChange={(value: string[]) => onChange({ ...leaf, value })}
              options={tagOptions}
              optionFilterProp="label"
              style={{ minWidth: 180 }}
            />
          ) : (
            <Select
              aria-label={`${name}：${t("applicantRules.eligibility.value")}`}
              value={typeof leaf.value === "string" && leaf.value !== "" ? leaf.value : undefined}
              onChange={(value: string) => onChange({ ...leaf, value })}
              options={tagOptions}
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 150 }}
            />
          )}
        </>
      )}
    </Space>
  );
}

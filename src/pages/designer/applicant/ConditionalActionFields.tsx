import { Select, Space, Typography } from "antd";
import type { DuplicateAction } from "@/services/applicantSchema";
import type { RuleCondition } from "@/services/conditionSchema";
import type { DraftField } from "../designerDoc";
import { LeafGroupEditor } from "../form/LeafGroupEditor";
import { useFormDesignerTexts } from "../form/useFormDesignerTexts";

interface Props {
  /** names the group and its pickers, e.g. 已有办理中的申请 → 已有办理中的申请 当 1：字段 */
  name: string;
  when: RuleCondition | undefined;
  otherwise: DuplicateAction | undefined;
  fields: readonly DraftField[];
  onChange(next: { when: RuleCondition | undefined; otherwise: DuplicateAction | undefined }): void;
}

/**
 * 当 … 否则 … of a duplicates action (issue 12, item 6): the answer pickers of 申请条件, and once a
 * condition is set, what a duplicate gets when it does not hold (不检查 / 提醒 / 拒绝).
 */
export function ConditionalActionFields({ name, when, otherwise, fields, onChange }: Props) {
  const { t } = useFormDesignerTexts();
  const whenName = `${name} ${t("conditionalRules.when")}`;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <div role="group" aria-label={whenName}>
        <Typography.Text type="secondary">{t("conditionalRules.duplicateWhenHint")}</Typography.Text>
        <LeafGroupEditor
          name={whenName}
          condition={when}
          fields={fields}
          onChange={(next) => onChange({ when: next, otherwise: next ? otherwise : undefined })}
        />
      </div>
      {when && (
        <Space>
          <Typography.Text>{t("conditionalRules.otherwise")}</Typography.Text>
          <Select<DuplicateAction | "none">
            aria-label={`${name} ${t("conditionalRules.otherwise")}`}
            value={otherwise ?? "none"}
            onChange={(choice) => onChange({ when, otherwise: choice === "none" ? undefined : choice })}
            options={(["none", "warn", "refuse"] as const).map((value) => ({ value, label: t(`applicantRules.duplicates.actions.${value}`) }))}
            style={{ minWidth: 120 }}
          />
        </Space>
      )}
    </Space>
  );
}

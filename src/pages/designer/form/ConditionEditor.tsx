import { Alert, Button, Form, Space, Typography } from "antd";
import type { Condition } from "@/services/schema";
import type { DraftField } from "../designerDoc";
import { conditionOperatorsFor } from "./conditionOperators";
import { withField } from "./conditionParts";
import { LeafEditor } from "./LeafEditor";
import type { FieldProblem } from "./fieldErrors";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface ConditionEditorProps {
  name: "visibleWhen" | "requiredWhen";
  field: DraftField;
  fields: readonly DraftField[];
  onChange(condition: Condition | undefined): void;
  problems: readonly FieldProblem[];
}

/**
 * 显示条件 / 必填条件: one condition on another field, from pickers. A sensitive field is
 * offered but refused, with the reason: the language refuses it (no masking by inference).
 */
export function ConditionEditor({ name, field, fields, onChange, problems }: ConditionEditorProps) {
  const { t, label, problemText } = useFormDesignerTexts();
  const condition = field[name] as Condition | undefined;
  const title = t(`formDesigner.condition.${name}`);
  const others = fields.filter((other) => other.key !== field.key);
  const eligible = others.find((other) => other.sensitive !== true);
  const source = condition ? others.find((other) => other.key === condition.field) : undefined;
  return (
    <Form.Item
      label={title}
      extra={t(name === "visibleWhen" ? "formDesigner.condition.visibleHint" : "formDesigner.condition.requiredHint")}
      validateStatus={problems.length > 0 ? "error" : undefined}
      help={problems.length > 0 ? problemText(problems) : undefined}
    >
      {condition ? (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Space wrap>
            <Typography.Text>{t("formDesigner.condition.when")}</Typography.Text>
            <LeafEditor
              name={title}
              leaf={condition}
              fields={others}
              refuse={(other) => other.sensitive === true}
              onChange={(leaf) => onChange(leaf as Condition)}
            />
          </Space>
          {source?.sensitive && <Alert type="error" showIcon message={t("formDesigner.condition.sensitiveRefused", { label: label(source) })} />}
          <Button size="small" onClick={() => onChange(undefined)}>
            {t("formDesigner.condition.clear")}
          </Button>
        </Space>
      ) : (
        <Space>
          <Typography.Text type="secondary">{t("formDesigner.condition.none")}</Typography.Text>
          <Button
            size="small"
            onClick={() => eligible && onChange(withField({ field: "", op: "eq" }, eligible.key, conditionOperatorsFor(eligible.type)) as Condition)}
            disabled={!eligible}
          >
            {t("formDesigner.condition.set")}
          </Button>
        </Space>
      )}
    </Form.Item>
  );
}

import { Form, Radio, Select, Space, Typography } from "antd";
import type { DraftDefinition, DraftField } from "../designerDoc";
import type { FieldProblem } from "./fieldErrors";
import { withProp } from "./fieldProps";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface StageEditorProps {
  field: DraftField;
  definition: DraftDefinition;
  onChange(field: DraftField): void;
  problems: readonly FieldProblem[];
}

/** 填写时机: at intake (the create form) or in the dialogs of chosen workflow steps (优待证编号 at 制证完成). */
export function StageEditor({ field, definition, onChange, problems }: StageEditorProps) {
  const { t, label, problemText } = useFormDesignerTexts();
  const transitions = definition.workflow?.transitions ?? [];
  const staged = Array.isArray(field.stage);
  return (
    <Form.Item
      label={t("formDesigner.common.stage")}
      validateStatus={problems.length > 0 ? "error" : undefined}
      help={problems.length > 0 ? problemText(problems) : undefined}
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Radio.Group
          aria-label={t("formDesigner.common.stage")}
          value={staged ? "steps" : "intake"}
          onChange={(event) => onChange(withProp(field, "stage", event.target.value === "steps" && transitions[0] ? [transitions[0].key] : undefined))}
          options={[
            { value: "intake", label: t("formDesigner.common.stageIntake") },
            { value: "steps", label: t("formDesigner.common.stageTransitions"), disabled: transitions.length === 0 },
          ]}
        />
        {transitions.length === 0 && <Typography.Text type="secondary">{t("formDesigner.common.stageNoTransitions")}</Typography.Text>}
        {staged && (
          <Select
            aria-label={t("formDesigner.common.stagePick")}
            mode="multiple"
            value={field.stage as string[]}
            onChange={(keys: string[]) => onChange(withProp(field, "stage", keys))}
            options={transitions.map((transition) => ({ value: transition.key, label: label(transition) }))}
          />
        )}
      </Space>
    </Form.Item>
  );
}

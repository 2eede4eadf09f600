import { Alert, Badge, Form, Tabs, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import type { Condition } from "@/services/schema";
import type { DraftDefinition, DraftField } from "../designerDoc";
import { AdvancedSettings } from "./AdvancedSettings";
import { BasicSettings } from "./BasicSettings";
import { ConditionEditor } from "./ConditionEditor";
import { DeriveEditor } from "./DeriveEditor";
import { problemsAt, type FieldProblem } from "./fieldErrors";
import { typeOf, withProp } from "./fieldProps";
import { fieldTypeIcon } from "./fieldTypeIcons";
import { TypeOptionsEditor } from "./TypeOptionsEditor";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface FieldConfigPanelProps {
  field: DraftField;
  index: number;
  definition: DraftDefinition;
  published: boolean;
  problems: readonly FieldProblem[];
  onChange(field: DraftField): void;
  onRename(label: string): void;
  onRetype(type: string): void;
  /** an option value or column key that may no longer follow its label */
  frozenValue(value: string): boolean;
}

/** Which tab shows the problems at a path (relative to the field). */
const basicPaths = ["label", "label_en", "required", "help", "help_en", "placeholder", "placeholder_en", "section", "section_en", "width", "default"];
const conditionPaths = ["visibleWhen", "requiredWhen"];
const advancedPaths = ["type", "key", "sensitive", "purpose", "purpose_en", "stage", "recordUnit", "reuse"];
const head = (path: string) => path.split(/[.[]/)[0];

/** 字段设置: the selected field's settings in tabs (基础 / 选项与校验 / 显示与必填 / 自动计算 / 高级), each tab counting its problems. */
export function FieldConfigPanel({ field, index, definition, published, problems, onChange, onRename, onRetype, frozenValue }: FieldConfigPanelProps) {
  const { t, language, label, problemText } = useFormDesignerTexts();
  const type = typeOf(field.type);
  const count = (paths: readonly string[] | null) =>
    problems.filter((problem) =>
      paths ? paths.includes(head(problem.path)) : !["", ...basicPaths, ...conditionPaths, ...advancedPaths, "derive"].includes(head(problem.path)),
    ).length;
  const tab = (key: string, title: string, problemCount: number, children: ReactNode) => ({
    key,
    label: (
      <Badge count={problemCount} size="small" offset={[6, -2]}>
        {title}
      </Badge>
    ),
    children: (
      <Form layout="vertical" component={false}>
        {children}
      </Form>
    ),
  });
  const unplaced = problems.filter((problem) => problem.path === "");
  const sections = [...new Set(definition.fields.map((other) => other.section).filter((section): section is string => typeof section === "string"))];
  return (
    <section aria-label={t("formDesigner.panel.title")}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {type && fieldTypeIcon(type.icon)} {label(field)} <Tag>{type ? (language === "en" ? type.label.en : type.label.zh) : field.type}</Tag>
      </Typography.Title>
      {unplaced.length > 0 && <Alert type="error" showIcon message={problemText(unplaced)} style={{ marginBottom: 12 }} />}
      <Tabs
        size="small"
        items={[
          tab(
            "basic",
            t("formDesigner.panel.tabs.basic"),
            count(basicPaths),
            <BasicSettings field={field} sections={sections} onChange={onChange} onRename={onRename} problems={problems} />,
          ),
          tab(
            "options",
            t("formDesigner.panel.tabs.options"),
            count(null),
            type ? (
              <TypeOptionsEditor
                target={field}
                configSchema={type.configSchema}
                onChange={onChange}
                problems={problems}
                frozenValue={frozenValue}
                idPrefix={`field-${index}`}
              />
            ) : null,
          ),
          tab(
            "conditions",
            t("formDesigner.panel.tabs.conditions"),
            count(conditionPaths),
            (["visibleWhen", "requiredWhen"] as const).map((name) => (
              <ConditionEditor
                key={name}
                name={name}
                field={field}
                fields={definition.fields}
                problems={problemsAt(problems, name)}
                onChange={(condition: Condition | undefined) => onChange(withProp(field, name, condition))}
              />
            )),
          ),
          tab(
            "derive",
            t("formDesigner.panel.tabs.derive"),
            count(["derive"]),
            <DeriveEditor field={field} fields={definition.fields} onChange={onChange} problems={problemsAt(problems, "derive")} />,
          ),
          tab(
            "advanced",
            t("formDesigner.panel.tabs.advanced"),
            count(advancedPaths),
            <AdvancedSettings field={field} definition={definition} published={published} onChange={onChange} onRetype={onRetype} problems={problems} />,
          ),
        ]}
      />
    </section>
  );
}

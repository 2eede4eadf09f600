import { AutoComplete, Form, Input, Segmented, Switch } from "antd";
import type { DraftField } from "../designerDoc";
import { DefaultEditor } from "./DefaultEditor";
import { problemsAt, type FieldProblem } from "./fieldErrors";
import { takesPlaceholder, textOf, withProp } from "./fieldProps";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface BasicSettingsProps {
  field: DraftField;
  /** section headings already used in the form, offered while typing */
  sections: readonly string[];
  onChange(field: DraftField): void;
  /** the label is renamed through its own edit: the key may follow it */
  onRename(label: string): void;
  problems: readonly FieldProblem[];
}

/** 基础: the words staff read (name, help, placeholder, zh and en), required, section, width, default. */
export function BasicSettings({ field, sections, onChange, onRename, problems }: BasicSettingsProps) {
  const { t, problemText } = useFormDesignerTexts();
  const status = (path: string) => {
    const own = problemsAt(problems, path);
    return own.length > 0 ? { validateStatus: "error" as const, help: problemText(own) } : {};
  };
  const text = (key: string, labelKey: Parameters<typeof t>[0], extra?: string) => (
    <Form.Item label={t(labelKey)} htmlFor={`field-${key}`} extra={extra} {...status(key)}>
      <Input id={`field-${key}`} value={textOf(field[key]) ?? ""} onChange={(event) => onChange(withProp(field, key, event.target.value))} />
    </Form.Item>
  );
  return (
    <>
      <Form.Item label={t("formDesigner.common.label")} htmlFor="field-label" required {...status("label")}>
        <Input id="field-label" value={field.label} onChange={(event) => onRename(event.target.value)} />
      </Form.Item>
      {text("label_en", "formDesigner.common.labelEn")}
      <Form.Item label={t("formDesigner.common.required")} htmlFor="field-required" {...status("required")}>
        <Switch
          id="field-required"
          checked={field.required === true}
          disabled={field.derive !== undefined}
          onChange={(checked) => onChange(withProp(field, "required", checked || undefined))}
        />
      </Form.Item>
      {text("help", "formDesigner.common.help")}
      {text("help_en", "formDesigner.common.helpEn")}
      {takesPlaceholder(field) && text("placeholder", "formDesigner.common.placeholder")}
      {takesPlaceholder(field) && text("placeholder_en", "formDesigner.common.placeholderEn")}
      <Form.Item label={t("formDesigner.common.section")} htmlFor="field-section" extra={t("formDesigner.common.sectionHelp")} {...status("section")}>
        <AutoComplete
          id="field-section"
          value={textOf(field.section) ?? ""}
          options={sections.map((section) => ({ value: section }))}
          onChange={(value: string) => onChange(withProp(field, "section", value))}
          filterOption={(input, option) => String(option?.value ?? "").includes(input)}
        />
      </Form.Item>
      {field.section !== undefined && text("section_en", "formDesigner.common.sectionEn")}
      <Form.Item label={t("formDesigner.common.width")} extra={t("formDesigner.common.widthHelp")} {...status("width")}>
        <Segmented
          aria-label={t("formDesigner.common.width")}
          value={field.width === "half" ? "half" : "full"}
          onChange={(value) => onChange(withProp(field, "width", value === "half" ? "half" : undefined))}
          options={[
            { value: "full", label: t("formDesigner.common.widthFull") },
            { value: "half", label: t("formDesigner.common.widthHalf") },
          ]}
        />
      </Form.Item>
      <DefaultEditor field={field} onChange={onChange} problems={problemsAt(problems, "default")} />
    </>
  );
}

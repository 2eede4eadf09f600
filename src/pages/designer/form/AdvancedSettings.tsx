import { Alert, Button, Form, Input, Select, Space, Switch, Typography } from "antd";
import { useState } from "react";
import { fieldTypeKeys, fieldTypes } from "@/field-types";
import type { DraftDefinition, DraftField } from "../designerDoc";
import { problemsAt, type FieldProblem } from "./fieldErrors";
import { textOf, withProp } from "./fieldProps";
import { reuseOffered } from "./reuseOffered";
import { StageEditor } from "./StageEditor";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface AdvancedSettingsProps {
  field: DraftField;
  definition: DraftDefinition;
  /** the field's key is in a published version: frozen, and its type fixed */
  published: boolean;
  onChange(field: DraftField): void;
  onRetype(type: string): void;
  problems: readonly FieldProblem[];
}

/** 高级: type, key (read-only), sensitive and purpose, when it is filled in, record unit, reuse of the last application. */
export function AdvancedSettings({ field, definition, published, onChange, onRetype, problems }: AdvancedSettingsProps) {
  const { t, language, problemText } = useFormDesignerTexts();
  const [newType, setNewType] = useState<string | undefined>(undefined);
  const status = (path: string) => {
    const own = problemsAt(problems, path);
    return own.length > 0 ? { validateStatus: "error" as const, help: problemText(own) } : {};
  };
  const typeOptions = fieldTypeKeys.map((key) => ({ value: key, label: language === "en" ? fieldTypes[key].label.en : fieldTypes[key].label.zh }));
  return (
    <>
      <Form.Item label={t("formDesigner.common.type")} htmlFor="field-type" {...status("type")}>
        {published ? (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Select id="field-type" value={field.type} disabled options={typeOptions} />
            <Alert type="info" showIcon message={t("formDesigner.common.retypeHint")} />
            <Space wrap>
              <Select
                aria-label={t("formDesigner.common.retypeTo")}
                placeholder={t("formDesigner.common.retypeTo")}
                value={newType}
                onChange={setNewType}
                options={typeOptions.filter((option) => option.value !== field.type)}
                style={{ minWidth: 160 }}
              />
              <Button disabled={!newType} onClick={() => newType && onRetype(newType)}>
                {t("formDesigner.common.retype")}
              </Button>
            </Space>
          </Space>
        ) : (
          <Select id="field-type" value={field.type} onChange={onRetype} options={typeOptions} />
        )}
      </Form.Item>
      <Form.Item label={t("formDesigner.common.key")} htmlFor="field-key" extra={t("formDesigner.common.keyNote")} {...status("key")}>
        <Space>
          <Input id="field-key" value={field.key} readOnly style={{ width: 240 }} />
          <Typography.Text type="secondary">{t("formDesigner.common.keyFrozen")}</Typography.Text>
        </Space>
      </Form.Item>
      <Form.Item label={t("formDesigner.common.sensitive")} htmlFor="field-sensitive" extra={t("formDesigner.common.sensitiveHelp")} {...status("sensitive")}>
        <Switch id="field-sensitive" checked={field.sensitive === true} onChange={(checked) => onChange(withProp(field, "sensitive", checked || undefined))} />
      </Form.Item>
      {(field.sensitive === true || field.purpose !== undefined) && (
        <>
          <Form.Item
            label={t("formDesigner.common.purpose")}
            htmlFor="field-purpose"
            required={field.sensitive === true}
            extra={t("formDesigner.common.purposeHelp")}
            {...status("purpose")}
          >
            <Input id="field-purpose" value={textOf(field.purpose) ?? ""} onChange={(event) => onChange(withProp(field, "purpose", event.target.value))} />
          </Form.Item>
          <Form.Item label={t("formDesigner.common.purposeEn")} htmlFor="field-purpose-en" {...status("purpose_en")}>
            <Input
              id="field-purpose-en"
              value={textOf(field.purpose_en) ?? ""}
              onChange={(event) => onChange(withProp(field, "purpose_en", event.target.value))}
            />
          </Form.Item>
        </>
      )}
      <StageEditor field={field} definition={definition} onChange={onChange} problems={problemsAt(problems, "stage")} />
      {field.type === "org_unit" && (
        <Form.Item
          label={t("formDesigner.common.recordUnit")}
          htmlFor="field-record-unit"
          extra={t("formDesigner.common.recordUnitHelp")}
          {...status("recordUnit")}
        >
          <Switch
            id="field-record-unit"
            checked={field.recordUnit === true}
            onChange={(checked) => onChange(withProp(field, "recordUnit", checked || undefined))}
          />
        </Form.Item>
      )}
      {/* 沿用上次申请: offered where it can work (reuseOffered) */}
      {reuseOffered(field, definition) && (
        <Form.Item label={t("applicationReuse.designerReuse")} htmlFor="field-reuse" extra={t("applicationReuse.designerReuseHelp")} {...status("reuse")}>
          <Switch id="field-reuse" checked={field.reuse === true} onChange={(checked) => onChange(withProp(field, "reuse", checked || undefined))} />
        </Form.Item>
      )}
    </>
  );
}

import { Alert, Card } from "antd";
import { useEffect, useMemo, useState } from "react";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition, type ServiceDefinition } from "@/services/schema";
import { RecordFormPreview } from "@/views/form/RecordFormPreview";
import type { DraftDefinition } from "../designerDoc";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

const shownErrors = 5;

/** The last draft that parsed, per service key: kept when the page is left and opened again (the tabs unmount it). */
const lastGoodByService = new Map<string, ServiceDefinition>();

const placeholder = "—";

function withPlaceholderBasics(definition: DraftDefinition): DraftDefinition {
  const blank = (text: string | undefined) => (text ?? "").trim() === "";
  return {
    ...definition,
    name: blank(definition.name) ? placeholder : definition.name,
    category: blank(definition.category) ? placeholder : definition.category,
    description: blank(definition.description) ? placeholder : definition.description,
    purpose: blank(definition.purpose) ? placeholder : definition.purpose,
    icon: blank(definition.icon) ? "FileTextOutlined" : definition.icon,
  };
}

/**
 * 预览: the real record form of the draft as staff will see it. While the draft does not parse,
 * the last form that did stays on show, under the problems to fix.
 */
export function FormPreviewCard({ definition }: { definition: DraftDefinition }) {
  const { t, language, label } = useFormDesignerTexts();
  // texts of 基本信息 do not change the form: while they are still blank, the form shows anyway
  const parsed = useMemo(() => parseServiceDefinition(withPlaceholderBasics(definition), fieldTypes), [definition]);
  const [lastGood, setLastGood] = useState<ServiceDefinition | null>(parsed.ok ? parsed.definition : (lastGoodByService.get(definition.key) ?? null));
  useEffect(() => {
    if (!parsed.ok) return;
    setLastGood(parsed.definition);
    lastGoodByService.set(parsed.definition.key, parsed.definition);
  }, [parsed]);
  const shown = parsed.ok ? parsed.definition : lastGood;
  // a field's problem names the field as the admin knows it, not by its path
  const place = (path: string) => {
    const index = /^fields\[(\d+)\]/.exec(path)?.[1];
    const field = index === undefined ? undefined : definition.fields[Number(index)];
    return field ? `「${label(field) || field.key}」` : `${path}：`;
  };
  return (
    <Card size="small" title={t("formDesigner.preview.title")}>
      {!parsed.ok && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t(lastGood ? "formDesigner.preview.stale" : "formDesigner.preview.never")}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {parsed.errors.slice(0, shownErrors).map((error) => (
                <li key={`${error.path} ${error.code}`}>
                  {place(error.path)}
                  {language === "en" ? error.message_en : error.message_zh}
                </li>
              ))}
              {parsed.errors.length > shownErrors && <li>{t("formDesigner.preview.more", { count: parsed.errors.length - shownErrors })}</li>}
            </ul>
          }
        />
      )}
      {shown && <RecordFormPreview definition={shown} />}
    </Card>
  );
}

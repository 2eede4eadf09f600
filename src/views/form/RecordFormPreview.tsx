import { Alert, Button, Form, Select, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { fieldTypes, type FieldLoaders } from "@/field-types";
import { useT } from "@/i18n";
import { visibleFieldKeys } from "@/services/conditions";
import { deriveRecordValues, localIsoDate } from "@/services/deriveValues";
import { initialAnswers } from "@/services/initialAnswers";
import type { ServiceDefinition } from "@/services/schema";
import { intakeFields, transitionFields } from "@/services/stages";
import { useFieldLoaders } from "../hooks/useFieldLoaders";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { RecordFormFields } from "./RecordFormFields";
import { recordResolver, type RecordFormValues } from "./recordResolver";
import { RecordUnitControl } from "./RecordUnitControl";

const intake = "__intake__";

/**
 * The record form of a definition that is not published yet (the designer's 预览): the same
 * fields, layout, live visibility, derived values and checks as RecordForm, with nothing saved.
 * 试填校验 runs the validation staff meet on save; files picked here are never uploaded.
 */
export function RecordFormPreview({ definition }: { definition: ServiceDefinition }) {
  const t = useT();
  const language = useFieldLanguage();
  const realLoaders = useFieldLoaders();
  const loaders = useMemo<FieldLoaders>(
    () => ({ ...realLoaders, uploadFile: async (file) => ({ path: `preview/${file.name}`, name: file.name, size: file.size, mime: file.type }) }),
    [realLoaders],
  );
  const [stage, setStage] = useState(intake);
  const [verdict, setVerdict] = useState<"passed" | null>(null);
  const resolver = useMemo(
    () => recordResolver(definition, language, { unitRequired: t("records.form.unitRequired"), rowIssue: (p) => t("records.form.rowIssue", p) }),
    [definition, language, t],
  );
  const { control, handleSubmit } = useForm<RecordFormValues>({
    defaultValues: { org_unit_id: null, data: initialAnswers(definition.fields, { now: new Date() }) },
    resolver,
    mode: "onTouched",
  });
  const typed = useWatch({ control, name: "data" }) ?? {};
  const data = deriveRecordValues(definition.fields, typed, fieldTypes, localIsoDate(new Date()), new Set());
  const visible = visibleFieldKeys(definition.fields, data);
  const transition = definition.workflow.transitions.find((candidate) => candidate.key === stage);
  const shown = (transition ? transitionFields(definition, transition) : intakeFields(definition.fields)).filter((field) => visible.has(field.key));
  const check = handleSubmit(() => setVerdict("passed"));

  return (
    <form onSubmit={(event) => void check(event)} noValidate aria-label={t("formDesigner.preview.formName")}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t("formDesigner.preview.stage")}</Typography.Text>
        <Select
          aria-label={t("formDesigner.preview.stage")}
          value={stage}
          onChange={setStage}
          style={{ minWidth: 160 }}
          options={[
            { value: intake, label: t("formDesigner.preview.intake") },
            ...definition.workflow.transitions.map((option) => ({ value: option.key, label: option.label })),
          ]}
        />
      </Space>
      <Form layout="vertical" component={false}>
        {!transition && !definition.fields.some((field) => field.recordUnit) && (
          <RecordUnitControl serviceKey={definition.key} control={control} language={language} loaders={loaders} disabled={false} />
        )}
        <RecordFormFields
          serviceKey={definition.key}
          fields={shown}
          control={control}
          data={data}
          visible={visible}
          language={language}
          loaders={loaders}
          editing={false}
        />
      </Form>
      {shown.length === 0 && <Typography.Paragraph type="secondary">{t("formDesigner.preview.noFields")}</Typography.Paragraph>}
      {/* the check is the create form's; a transition's dialog checks the whole record it changes */}
      {!transition && verdict === "passed" && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t("formDesigner.preview.passed")} />}
      {!transition && (
        <Button htmlType="submit" onClick={() => setVerdict(null)}>
          {t("formDesigner.preview.check")}
        </Button>
      )}
    </form>
  );
}

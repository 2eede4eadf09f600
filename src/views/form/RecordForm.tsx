import { useNotification, useWarnAboutChange } from "@refinedev/core";
import { Alert, Button, Card, Form, Space } from "antd";
import { useEffect, useMemo, useRef } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useNavigate } from "react-router";
import { fieldTypes } from "@/field-types";
import { useT } from "@/i18n";
import { visibleFieldKeys } from "@/services/conditions";
import { deriveRecordValues, keptDerivedKeys, localIsoDate } from "@/services/deriveValues";
import type { ServiceDefinition } from "@/services/schema";
import { editableFields, intakeFields } from "@/services/stages";
import type { RecordRow } from "@/data/records";
import { updateResidentFromRecord } from "@/data/residents";
import { useFieldLoaders } from "../hooks/useFieldLoaders";
import type { LoadedService } from "../hooks/useServiceByKey";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { serviceName } from "../shared/serviceName";
import { RecordFormFields } from "./RecordFormFields";
import { RecordUnitControl } from "./RecordUnitControl";
import { recordResolver, type RecordFormValues } from "./recordResolver";
import { residentWriteBack } from "./residentPrefill";
import { useRecordSave } from "./useRecordSave";
import { useResidentPrefill } from "./useResidentPrefill";
import { useErrorText } from "../shared/useErrorText";

interface RecordFormProps {
  service: LoadedService;
  /** the record's own version when editing, the current one when creating */
  definition: ServiceDefinition;
  record?: RecordRow;
  defaultUnit: string | null;
  /** create only: the answers the form starts with (the definition's defaults, see initialAnswers) */
  initialData?: Record<string, unknown>;
  /** edit only: fetch the latest copy (after someone else saved) */
  reload?: () => Promise<RecordRow | undefined>;
}

/** The one form of every service: react-hook-form state, registry inputs, live visibility. */
export function RecordForm({ service, definition, record, defaultUnit, initialData, reload }: RecordFormProps) {
  const t = useT();
  const language = useFieldLanguage();
  const navigate = useNavigate();
  const loaders = useFieldLoaders();
  const { setWarnWhen } = useWarnAboutChange();
  const { open } = useNotification();
  const errorText = useErrorText();
  // what a picked resident filled: read by the resolver (masks pass to the database) at submit
  const prefilledRef = useRef<Readonly<Record<string, unknown>>>({});
  const resolver = useMemo(
    () =>
      recordResolver(
        definition,
        language,
        { unitRequired: t("records.form.unitRequired"), rowIssue: (p) => t("records.form.rowIssue", p) },
        undefined,
        record?.data ?? {},
        () => prefilledRef.current,
      ),
    [definition, language, t, record?.data],
  );
  const { control, handleSubmit, setError, setValue, reset, formState } = useForm<RecordFormValues>({
    defaultValues: { org_unit_id: record?.org_unit_id ?? defaultUnit, data: record?.data ?? initialData ?? {} },
    resolver,
    mode: "onTouched",
  });
  const { save, stale, clearStale, generalError } = useRecordSave({ serviceId: service.id, definition, record, setError });
  const prefill = useResidentPrefill(definition, control, setValue);
  prefilledRef.current = prefill.values;

  // Leaving with unsaved input asks first (Refine's UnsavedChangesNotifier reads this flag).
  useEffect(() => setWarnWhen(formState.isDirty), [formState.isDirty, setWarnWhen]);
  useEffect(() => () => setWarnWhen(false), [setWarnWhen]);
  // the explanation sits above the form; a long form would otherwise hide it below the fold
  useEffect(() => {
    if (stale || generalError) window.scrollTo({ top: 0, behavior: "smooth" });
  }, [stale, generalError]);

  const typed = useWatch({ control, name: "data" }) ?? {};
  // derived values follow the answers as they are typed (an age appears with the ID number)
  const data = deriveRecordValues(
    definition.fields,
    typed,
    fieldTypes,
    localIsoDate(new Date()),
    keptDerivedKeys(definition.fields, typed, record?.data ?? {}),
  );
  const visible = visibleFieldKeys(definition.fields, data);
  // staged fields (DESIGN §4): intake fields when creating; when editing, also the staged fields
  // already answered in their transition's dialog (stages.ts editableFields says why)
  const staged = new Set((record ? editableFields(definition.fields, record.data) : intakeFields(definition.fields)).map((field) => field.key));
  const listPath = `/s/${service.key}`;

  const submit = handleSubmit(async (values) => {
    const outcome = await save(values);
    if (!outcome.ok) return;
    // corrections staff asked to write back to the person (同时更新居民档案): the record is saved either way
    const changes = residentWriteBack(definition.fields, prefill.values, prefill.writeBack, values.data);
    if (Object.keys(changes).length > 0 && prefill.residentVersion !== null) {
      await updateResidentFromRecord(outcome.id, prefill.residentVersion, changes).then(
        () => open?.({ type: "success", message: t("residentField.writtenBack") }),
        (e: unknown) => open?.({ type: "error", message: t("residentField.writeBackFailed"), description: errorText(e) }),
      );
    }
    setWarnWhen(false);
    reset(values);
    // replace: the unsaved-changes guard patches push only, and Back should not reopen a saved form
    open?.({ type: "success", message: t(record ? "records.form.saved" : "records.form.created") });
    navigate(`${listPath}/show/${outcome.id}`, { replace: true });
  });

  const reloadLatest = async () => {
    const fresh = await reload?.();
    if (fresh) reset({ org_unit_id: fresh.org_unit_id, data: fresh.data });
    clearStale();
  };

  const hasErrors = formState.isSubmitted && Object.keys(formState.errors).length > 0;
  return (
    <Card title={t(record ? "records.form.editTitle" : "records.form.createTitle", { service: serviceName(service, language) })}>
      <form onSubmit={submit} noValidate>
        {stale && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t("records.form.staleTitle")}
            description={t("records.form.staleBody")}
            action={<Button onClick={() => void reloadLatest()}>{t("records.form.reload")}</Button>}
          />
        )}
        {generalError && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={generalError} />}
        {hasErrors && !generalError && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t("records.form.fixErrors")} />}
        {/* layout only: values live in react-hook-form; component={false} renders no second <form> */}
        <Form layout="vertical" component={false}>
          {/* a definition whose org_unit field is the record's unit asks for the unit once, there */}
          {(record !== undefined || !definition.fields.some((field) => field.recordUnit)) && (
            <RecordUnitControl serviceKey={definition.key} control={control} language={language} loaders={loaders} disabled={record !== undefined} />
          )}
          <RecordFormFields
            serviceKey={definition.key}
            fields={definition.fields.filter((field) => visible.has(field.key) && staged.has(field.key))}
            control={control}
            data={data}
            visible={visible}
            language={language}
            loaders={loaders}
            editing={record !== undefined}
            prefill={prefill}
          />
        </Form>
        <Space>
          <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
            {t("records.form.save")}
          </Button>
          <Button onClick={() => navigate(record ? `${listPath}/show/${record.id}` : listPath)}>{t("records.form.cancel")}</Button>
        </Space>
      </form>
    </Card>
  );
}

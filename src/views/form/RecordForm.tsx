import { useNotification, useWarnAboutChange } from "@refinedev/core";
import { Alert, App, Button, Card, Form, Space } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useNavigate } from "react-router";
import { fieldTypes } from "@/field-types";
import { pickText } from "@/contract";
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
import { DuplicateNoticeAlert } from "./DuplicateNoticeAlert";
import { recordResolver, type RecordFormValues, type ResolverResident } from "./recordResolver";
import { residentDerivedAges, residentWriteBack } from "./residentPrefill";
import { useDuplicateCheck } from "./useDuplicateCheck";
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
  const { modal } = App.useApp();
  // the picked resident: read by the resolver at submit (masks pass to the database, their age
  // stands for the one derived from the masked ID number, eligibility[] is checked with their facts)
  const residentRef = useRef<ResolverResident>({ prefilled: {}, derived: {}, facts: null });
  // a refused duplicate, said again above the form when staff try to file anyway
  const [refusal, setRefusal] = useState<string | null>(null);
  const resolver = useMemo(
    () =>
      recordResolver(
        definition,
        language,
        { unitRequired: t("records.form.unitRequired"), rowIssue: (p) => t("records.form.rowIssue", p) },
        undefined,
        record?.data ?? {},
        () => residentRef.current,
      ),
    [definition, language, t, record?.data],
  );
  const { control, handleSubmit, setError, setValue, getValues, reset, formState } = useForm<RecordFormValues>({
    defaultValues: { org_unit_id: record?.org_unit_id ?? defaultUnit, data: record?.data ?? initialData ?? {} },
    resolver,
    mode: "onTouched",
  });
  const { save, stale, clearStale, generalError } = useRecordSave({ serviceId: service.id, definition, record, setError });
  // a previous application's files are copied through the form's own upload (its limits, its error notice)
  const prefill = useResidentPrefill(service.id, definition, control, setValue, { uploadFile: loaders.uploadFile, getValues });

  // Leaving with unsaved input asks first (Refine's UnsavedChangesNotifier reads this flag).
  useEffect(() => setWarnWhen(formState.isDirty), [formState.isDirty, setWarnWhen]);
  useEffect(() => () => setWarnWhen(false), [setWarnWhen]);
  // the explanation sits above the form; a long form would otherwise hide it below the fold
  useEffect(() => {
    if (stale || generalError || refusal) window.scrollTo({ top: 0, behavior: "smooth" });
  }, [stale, generalError, refusal]);

  const typed = useWatch({ control, name: "data" }) ?? {};
  // a new record's person: their age where the form holds only their ID number's mask, their facts for eligibility
  const residentFacts = record ? null : prefill.facts;
  const knownAges = residentDerivedAges(definition.fields, prefill.values, typed, residentFacts?.age ?? null);
  residentRef.current = { prefilled: prefill.values, derived: knownAges, facts: residentFacts };
  // derived values follow the answers as they are typed (an age appears with the ID number, or with the person picked)
  const data = deriveRecordValues(
    definition.fields,
    { ...typed, ...knownAges },
    fieldTypes,
    localIsoDate(new Date()),
    new Set([...keptDerivedKeys(definition.fields, typed, record?.data ?? {}), ...Object.keys(knownAges)]),
  );
  const duplicates = useDuplicateCheck(service.id, definition, prefill.residentId, data, record === undefined);
  // a person registered from the picker lives in the grid this form names (its `prefillFrom: grid` field), else where the user chooses
  const gridKey = definition.fields.find((field) => field.prefillFrom === "grid")?.key;
  const formGridRef = useRef<unknown>(undefined);
  formGridRef.current = gridKey ? typed[gridKey] : undefined;
  const formLoaders = useMemo(
    () => ({
      ...loaders,
      residentGrids: async () => {
        const base = (await loaders.residentGrids?.()) ?? { fixed: null, choices: [] };
        const named = formGridRef.current;
        const fixed = typeof named === "string" && named !== "" ? (await loaders.loadOrgUnits()).find((unit) => unit.id === named) : undefined;
        return fixed ? { ...base, fixed } : base;
      },
    }),
    [loaders],
  );
  const visible = visibleFieldKeys(definition.fields, data);
  // staged fields (DESIGN §4): intake fields when creating; when editing, also the staged fields
  // already answered in their transition's dialog (stages.ts editableFields says why)
  const staged = new Set((record ? editableFields(definition.fields, record.data) : intakeFields(definition.fields)).map((field) => field.key));
  const listPath = `/s/${service.key}`;
  const residentKey = definition.fields.find((field) => field.type === "resident")?.key;

  /** A second application for the person: refused stops here with the database's words; warned asks first. */
  const mayFile = async (): Promise<boolean> => {
    setRefusal(null);
    if (record) return true;
    const notice = await duplicates.recheck();
    if (notice?.action === "refuse") {
      setRefusal(pickText(language, notice.message_zh, notice.message_en));
      return false;
    }
    if (notice?.action !== "warn") return true;
    return new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t("residentChecks.confirmTitle"),
        content: pickText(language, notice.message_zh, notice.message_en),
        okText: t("residentChecks.confirmOk"),
        cancelText: t("residentChecks.confirmCancel"),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  };

  const submit = handleSubmit(async (values) => {
    if (!(await mayFile())) return;
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
        {refusal && !generalError && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={refusal} />}
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
            loaders={formLoaders}
            editing={record !== undefined}
            prefill={prefill}
            fieldExtras={
              duplicates.notice && residentKey
                ? {
                    [residentKey]: (
                      <DuplicateNoticeAlert
                        notice={duplicates.notice}
                        records={duplicates.records}
                        serviceKey={service.key}
                        definition={definition}
                        language={language}
                      />
                    ),
                  }
                : undefined
            }
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

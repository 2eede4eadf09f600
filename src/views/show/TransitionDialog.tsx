import { useGetIdentity } from "@refinedev/core";
import { Alert, Checkbox, Form, Input, Modal, Select, Typography } from "antd";
import { useMemo, useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { pickText } from "@/contract";
import { useT } from "@/i18n";
import { toHttpError } from "@/lib/supabase/errors";
import type { ServiceDefinition, WorkflowTransition } from "@/services/schema";
import { escalationChoices, escalationRoute } from "@/services/escalation";
import { transitionFields } from "@/services/stages";
import type { Identity } from "@/data/myContext";
import { transitionRecord } from "@/data/recordActions";
import type { RecordRow } from "@/data/records";
import { useFieldLoaders } from "../hooks/useFieldLoaders";
import { useOrgUnits } from "../hooks/useOrgUnits";
import { RecordFieldControl } from "../form/RecordFieldControl";
import { fieldMessages, parseServerIssues } from "../form/recordIssues";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { useErrorText } from "../shared/useErrorText";
import { checkTransitionForm, initialTransitionValues, transitionRequest, transitionResolver, type TransitionFormValues } from "./transitionForm";

interface TransitionDialogProps {
  definition: ServiceDefinition;
  record: RecordRow;
  transition: WorkflowTransition;
  roleKeys: readonly string[];
  onClose(): void;
  /** called after the database accepted the transition */
  onDone(record: RecordRow): void;
  /** someone else changed the record meanwhile */
  onStale(): void;
}

/**
 * Comment, the transition's own fields (staged to it, or required by it), the unit to send the
 * record to when it escalates to a chosen unit (吹哨报到) and its offline checklist (线下核验),
 * checked live.
 */
export function TransitionDialog({ definition, record, transition, roleKeys, onClose, onDone, onStale }: TransitionDialogProps) {
  const t = useT();
  const language = useFieldLanguage();
  const loaders = useFieldLoaders();
  const errorText = useErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const { data: identity } = useGetIdentity<Identity>();
  const { control, handleSubmit, setError, formState } = useForm<TransitionFormValues>({
    defaultValues: initialTransitionValues(definition, transition, record.data, { userId: identity?.id, now: new Date() }),
    resolver: transitionResolver(definition, transition, record.data, language, (p) => t("records.form.rowIssue", p)),
  });
  const values = useWatch({ control }) as TransitionFormValues;
  const check = useMemo(
    () =>
      checkTransitionForm(definition, record.status, transition, roleKeys, record.data, {
        comment: values.comment ?? "",
        data: values.data ?? {},
        checklist: values.checklist ?? [],
        targetUnit: values.targetUnit ?? null,
      }),
    [definition, record, transition, roleKeys, values],
  );
  const label = pickText(language, transition.label, transition.label_en);
  const ownFields = transitionFields(definition, transition);
  const route = escalationRoute(transition.escalate);
  const orgUnits = useOrgUnits();
  const choices = route?.to === "choose" ? escalationChoices(route, record.org_unit_id, orgUnits.rows) : [];

  const submit = handleSubmit(async (form) => {
    setFailure(null);
    try {
      onDone(await transitionRecord(record.id, record.row_version, transitionRequest(definition, transition, record.data, form)));
    } catch (e) {
      const error = toHttpError(e);
      if (error.reason === "stale_record") return onStale();
      if (error.reason === "record_invalid") {
        for (const { field, message } of fieldMessages(definition, parseServerIssues(error.details), language, (p) => t("records.form.rowIssue", p))) {
          if (ownFields.some((own) => own.key === field)) setError(`data.${field}`, { type: "server", message });
        }
      }
      setFailure(errorText(error));
    }
  });

  return (
    <Modal
      open
      title={label}
      okText={t("records.transition.submit")}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ disabled: !check.ok, loading: formState.isSubmitting }}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      {route && (
        <Alert
          type="info"
          showIcon
          message={t(route.to === "origin" ? "records.transition.returnHint" : "records.transition.escalateHint")}
          style={{ marginBottom: 12 }}
        />
      )}
      {/* layout only: values live in react-hook-form */}
      <Form layout="vertical" component={false}>
        {route?.to === "choose" && (
          <Controller
            name="targetUnit"
            control={control}
            render={({ field }) => (
              <Form.Item label={t("records.transition.targetUnit")} htmlFor="transition-target-unit" required>
                <Select
                  id="transition-target-unit"
                  value={field.value ?? undefined}
                  onChange={(next: string) => field.onChange(next)}
                  loading={orgUnits.isLoading}
                  options={choices.map((unit) => ({ value: unit.id, label: orgUnits.byId.get(unit.id)?.name ?? unit.id }))}
                  placeholder={t("records.transition.targetUnitPlaceholder")}
                />
              </Form.Item>
            )}
          />
        )}
        {ownFields.map((field) => (
          <RecordFieldControl
            key={field.key}
            serviceKey={definition.key}
            field={field}
            name={`data.${field.key}`}
            control={control}
            required={transition.requireFields.includes(field.key)}
            language={language}
            loaders={loaders}
          />
        ))}
        {transition.checklist.length > 0 && (
          <Form.Item label={t("records.transition.checklist")} required extra={t("records.transition.checklistHint")}>
            <Controller
              name="checklist"
              control={control}
              render={({ field }) => (
                <Checkbox.Group
                  value={field.value}
                  onChange={(next) => field.onChange(next.map(String))}
                  style={{ display: "flex", flexDirection: "column", gap: 8 }}
                  options={transition.checklist.map((item) => ({ value: item.key, label: pickText(language, item.label, item.label_en) }))}
                />
              )}
            />
          </Form.Item>
        )}
        <Controller
          name="comment"
          control={control}
          render={({ field }) => (
            <Form.Item label={t("records.transition.comment")} htmlFor="transition-comment" required={transition.requireComment}>
              <Input.TextArea id="transition-comment" rows={3} value={field.value} onChange={field.onChange} onBlur={field.onBlur} maxLength={1000} />
            </Form.Item>
          )}
        />
        {!check.ok && check.code !== "role_not_allowed" && formState.isDirty && (
          <Typography.Text type="secondary">{language === "en" ? check.message_en : check.message_zh}</Typography.Text>
        )}
      </Form>
    </Modal>
  );
}

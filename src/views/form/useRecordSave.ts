import { useCreate, useUpdate, type HttpError } from "@refinedev/core";
import { useState } from "react";
import type { UseFormSetError } from "react-hook-form";
import { useT } from "@/i18n";
import { toHttpError } from "@/lib/supabase/errors";
import type { ServiceDefinition } from "@/services/schema";
import { recordsResource, type RecordRow } from "@/data/records";
import type { RecordUpdateValues } from "@/data/recordUpdates";
import { useRecordRefresh, useRecordSurroundingsRefresh } from "../hooks/useRecordRefresh";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { useErrorText } from "../shared/useErrorText";
import { fieldMessages, parseServerIssues } from "./recordIssues";
import type { RecordFormValues } from "./recordResolver";

export type SaveOutcome = { ok: true; id: string } | { ok: false };

/**
 * Create = INSERT through the data provider (the database fills status, version, due date);
 * edit = the data provider's update, which calls update_record with the row_version the form
 * was loaded at (data/recordUpdates), so Refine invalidates the record's queries. The database's
 * record_invalid lands on the fields it names; stale_record keeps the input and is reported
 * so the page can offer a reload; anything else becomes the form's general error.
 */
export function useRecordSave(params: { serviceId: string; definition: ServiceDefinition; record?: RecordRow; setError: UseFormSetError<RecordFormValues> }) {
  const { serviceId, definition, record, setError } = params;
  const t = useT();
  const language = useFieldLanguage();
  const errorText = useErrorText();
  const { mutateAsync: create } = useCreate<Pick<RecordRow, "id">>();
  const { mutateAsync: update } = useUpdate<RecordRow, HttpError, RecordUpdateValues>();
  const refresh = useRecordRefresh();
  const refreshAround = useRecordSurroundingsRefresh();
  const [stale, setStale] = useState(false);
  const [generalError, setGeneralError] = useState<string | null>(null);

  const save = async (values: RecordFormValues): Promise<SaveOutcome> => {
    setStale(false);
    setGeneralError(null);
    try {
      if (record) {
        await update({
          resource: recordsResource,
          id: record.id,
          values: { data: values.data },
          meta: { rowVersion: record.row_version },
          successNotification: false,
          errorNotification: false,
        });
        await refreshAround();
        return { ok: true, id: record.id };
      }
      const created = await create({
        resource: recordsResource,
        values: { service_id: serviceId, org_unit_id: values.org_unit_id, data: values.data },
        meta: { select: "id" },
        successNotification: false,
        errorNotification: false,
      });
      await refresh();
      return { ok: true, id: String(created.data.id) };
    } catch (e) {
      const error = toHttpError(e);
      if (error.reason === "stale_record") {
        setStale(true);
      } else if (error.reason === "record_invalid") {
        const rowIssue = (p: { row: number; column: string; message: string }) => t("records.form.rowIssue", p);
        const messages = fieldMessages(definition, parseServerIssues(error.details), language, rowIssue);
        const known = new Set(definition.fields.map((f) => f.key));
        for (const { field, message } of messages) {
          if (known.has(field)) setError(`data.${field}`, { type: "server", message }, { shouldFocus: true });
        }
        const elsewhere = messages.filter((m) => !known.has(m.field)).map((m) => m.message);
        setGeneralError([errorText(error), ...elsewhere].join(" "));
      } else {
        setGeneralError(errorText(error));
      }
      return { ok: false };
    }
  };

  return { save, stale, clearStale: () => setStale(false), generalError };
}

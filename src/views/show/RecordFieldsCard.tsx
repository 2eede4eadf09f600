import { Card, Descriptions } from "antd";
import { fieldLabel, getFieldType } from "@/field-types";
import { useT } from "@/i18n";
import { visibleFieldKeys } from "@/services/conditions";
import { editableFields } from "@/services/stages";
import type { FieldDefinition, ServiceDefinition } from "@/services/schema";
import type { RecordRow } from "@/data/records";
import type { ViewLookups } from "../hooks/useLookups";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { formSections } from "../form/formSections";
import { FieldValue, SystemValue } from "../shared/RecordCells";
import { UnmaskButton } from "./UnmaskButton";

/** The record's own columns, then every shown answer except files (those have their own card), under the form's section headings. */
type Props = { definition: ServiceDefinition; record: RecordRow; lookups: ViewLookups; now: Date; canUnmask: boolean };

export function RecordFieldsCard({ definition, record, lookups, now, canUnmask }: Props) {
  const t = useT();
  const language = useFieldLanguage();
  const visible = visibleFieldKeys(definition.fields, record.data);
  // a staged field not yet answered belongs to a later step: no empty row for it here
  const answered = new Set(editableFields(definition.fields, record.data).map((f) => f.key));
  const fields = definition.fields.filter((f) => visible.has(f.key) && answered.has(f.key) && !getFieldType(definition.key, f.key, f.type).holdsFiles);
  const system = (column: "status" | "org_unit_id" | "due_at" | "created_at") => (
    <SystemValue definition={definition} column={column} record={record} language={language} lookups={lookups} now={now} />
  );
  const answerItem = (field: FieldDefinition) => ({
    key: field.key,
    label: fieldLabel(field, language),
    children: (
      <>
        <FieldValue definition={definition} field={field} value={record.data[field.key]} language={language} lookups={lookups} variant="detail" />
        {/* Sensitive answers arrive masked from the database; the original needs a logged reason. */}
        {canUnmask && field.sensitive && record.data[field.key] !== undefined && (
          <UnmaskButton recordId={record.id} fieldKey={field.key} fieldLabel={fieldLabel(field, language)} />
        )}
      </>
    ),
  });
  return (
    <Card title={t("records.show.fields")} size="small">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 2 }}
        styles={{ label: { whiteSpace: "nowrap" } }}
        items={[
          { key: "status", label: t("records.system.status"), children: system("status") },
          { key: "org_unit_id", label: t("records.show.unit"), children: system("org_unit_id") },
          { key: "due_at", label: t("records.show.dueAt"), children: system("due_at") },
          { key: "created_at", label: t("records.show.createdAt"), children: system("created_at") },
          // the form's sections, as headings spanning the row, with their fields in the form's order
          ...formSections(fields, language).flatMap((section) => [
            ...(section.heading
              ? [{ key: `section:${section.heading}`, label: <strong>{section.heading}</strong>, children: null, span: "filled" as const }]
              : []),
            ...section.rows.flat().map(answerItem),
          ]),
        ]}
      />
    </Card>
  );
}

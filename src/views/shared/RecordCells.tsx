import { Space, Tag } from "antd";
import type { Language } from "@/contract";
import { type FieldLookups, getFieldType } from "@/field-types";
import { useT } from "@/i18n";
import type { FieldDefinition, ServiceDefinition } from "@/services/schema";
import type { SystemColumn } from "@/services/systemColumns";
import type { RecordRow } from "@/data/records";
import type { ViewLookups } from "../hooks/useLookups";
import { formatDateTime, isRecordOverdue } from "./recordTiming";
import { StatusTag } from "./StatusTag";

/** A service field's value through its type's registered Cell. */
export function FieldValue(props: {
  definition: ServiceDefinition;
  field: FieldDefinition;
  value: unknown;
  language: Language;
  lookups?: FieldLookups;
  variant: "list" | "detail";
}) {
  const { definition, field, value, language, lookups, variant } = props;
  const { Cell } = getFieldType(definition.key, field.key, field.type);
  return <Cell field={field} value={value} language={language} lookups={lookups} variant={variant} />;
}

/** A column of `records` itself, shown the same way in lists, the detail page and tasks. */
export function SystemValue(props: {
  definition: ServiceDefinition;
  column: SystemColumn;
  record: RecordRow;
  language: Language;
  lookups: ViewLookups;
  now: Date;
}) {
  const { definition, column, record, language, lookups, now } = props;
  const t = useT();
  switch (column) {
    case "status":
      return <StatusTag definition={definition} status={record.status} language={language} />;
    case "org_unit_id":
      return <>{lookups.orgUnitLabel(record.org_unit_id) ?? record.org_unit_id}</>;
    case "assignee":
      return <>{record.assignee ? (lookups.userName(record.assignee) ?? record.assignee) : "—"}</>;
    case "due_at":
      return (
        <Space size={4} wrap>
          {formatDateTime(record.due_at)}
          {isRecordOverdue(definition, record, now) && <Tag color="error">{t("records.list.overdue")}</Tag>}
        </Space>
      );
    case "created_at":
    case "updated_at":
      return <>{formatDateTime(record[column])}</>;
  }
}

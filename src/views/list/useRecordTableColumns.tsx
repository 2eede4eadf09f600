import type { CrudSort } from "@refinedev/core";
import type { TableColumnsType } from "antd";
import { useMemo } from "react";
import { Link } from "react-router";
import { getFieldType } from "@/field-types";
import { useT } from "@/i18n";
import type { ServiceDefinition } from "@/services/schema";
import { isSystemColumn } from "@/services/systemColumns";
import type { RecordRow } from "@/data/records";
import type { ViewLookups } from "../hooks/useLookups";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { FieldValue, SystemValue } from "../shared/RecordCells";
import { useColumnLabel } from "../shared/useColumnLabel";

function sortOrderOf(sorters: readonly CrudSort[], name: string) {
  const sorter = sorters.find((s) => s.field === name);
  return sorter ? (sorter.order === "asc" ? "ascend" : "descend") : null;
}

/** The definition's list columns as antd columns, each cell from the registry or the system column. */
export function useRecordTableColumns(params: {
  definition: ServiceDefinition;
  serviceKey: string;
  sorters: readonly CrudSort[];
  lookups: ViewLookups;
  now: Date;
}): TableColumnsType<RecordRow> {
  const { definition, serviceKey, sorters, lookups, now } = params;
  const t = useT();
  const language = useFieldLanguage();
  const { columnLabel } = useColumnLabel(definition);
  return useMemo(() => {
    const columns: TableColumnsType<RecordRow> = definition.list.columns.map((name) => {
      const field = definition.fields.find((f) => f.key === name);
      const sortable = isSystemColumn(name) || (field !== undefined && getFieldType(definition.key, field.key, field.type).sortable);
      return {
        key: name,
        title: columnLabel(name),
        sorter: sortable,
        sortOrder: sortable ? sortOrderOf(sorters, name) : undefined,
        render: (_: unknown, record: RecordRow) =>
          isSystemColumn(name) ? (
            <SystemValue definition={definition} column={name} record={record} language={language} lookups={lookups} now={now} />
          ) : field ? (
            <FieldValue definition={definition} field={field} value={record.data[name]} language={language} lookups={lookups} variant="list" />
          ) : null,
      };
    });
    columns.push({
      key: "actions",
      title: t("records.list.actions"),
      fixed: "right",
      render: (_: unknown, record: RecordRow) => <Link to={`/s/${serviceKey}/show/${record.id}`}>{t("records.list.open")}</Link>,
    });
    return columns;
  }, [definition, serviceKey, sorters, lookups, now, language, columnLabel, t]);
}

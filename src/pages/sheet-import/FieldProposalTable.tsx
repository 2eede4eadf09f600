// Step 2: one row per column of the sheet with the proposed type and why, for the admin to confirm
// or change. Changing a type re-derives what the type needs (a choice's options from the column's
// values, a purpose for a sensitive ID number) so the draft stays valid whatever is picked.
import { Checkbox, Flex, Select, Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useLocale, useT } from "@/i18n";
import { fieldTypeKeys, fieldTypes, type FieldTypeKey } from "@/field-types";
import { retypeProposal, type InferenceEvidence, type ProposedField } from "./inferFields";
import type { SheetTable } from "./sheetCells";

/** A sub-table is rows inside a record: one sheet column cannot describe one. */
const offeredTypes = fieldTypeKeys.filter((key) => key !== "sub_table");

export interface FieldProposalTableProps {
  fields: readonly ProposedField[];
  table: SheetTable;
  onChange(fields: ProposedField[]): void;
}

export function FieldProposalTable({ fields, table, onChange }: FieldProposalTableProps) {
  const t = useT();
  const english = useLocale() === "en";
  const typeOptions = useMemo(
    () => offeredTypes.map((key) => ({ value: key, label: english ? fieldTypes[key].label.en : fieldTypes[key].label.zh })),
    [english],
  );
  const columnValues = (column: number) => table.rows.map((row) => row.cells[column] ?? null);
  const update = (column: number, next: ProposedField) => onChange(fields.map((field, i) => (i === column ? next : field)));

  const evidenceText = (evidence: InferenceEvidence) =>
    evidence.by === "values"
      ? t("sheetImport.evidence.values", { matched: evidence.matched, total: evidence.total })
      : t(`sheetImport.evidence.${evidence.by}`);

  const optionsText = (field: ProposedField) => {
    if (field.options) return field.options.map((option) => option.label).join(" / ");
    if (field.type === "boolean") return `${field.trueLabel ?? t("sheetImport.yes")} / ${field.falseLabel ?? t("sheetImport.no")}`;
    return "";
  };

  return (
    <Table<ProposedField & { column: number }>
      rowKey="column"
      size="small"
      pagination={false}
      scroll={{ x: 900 }}
      dataSource={fields.map((field, column) => ({ ...field, column }))}
      columns={[
        { title: t("sheetImport.columns.label"), dataIndex: "label", width: 140 },
        {
          title: t("sheetImport.columns.type"),
          width: 150,
          render: (_, field) => (
            <Select<FieldTypeKey>
              aria-label={t("sheetImport.typeOf", { label: field.label })}
              value={field.type}
              options={typeOptions}
              style={{ width: 140 }}
              onChange={(type) => update(field.column, retypeProposal(field, type, columnValues(field.column)))}
            />
          ),
        },
        {
          title: t("sheetImport.columns.required"),
          width: 70,
          render: (_, field) => (
            <Checkbox
              aria-label={t("sheetImport.requiredOf", { label: field.label })}
              checked={field.required}
              onChange={(e) => update(field.column, { ...field, required: e.target.checked })}
            />
          ),
        },
        {
          title: t("sheetImport.columns.sensitive"),
          width: 70,
          render: (_, field) => (
            <Checkbox
              aria-label={t("sheetImport.sensitiveOf", { label: field.label })}
              checked={field.sensitive}
              onChange={(e) =>
                update(field.column, {
                  ...field,
                  sensitive: e.target.checked,
                  // a sensitive item must say why it is collected (PIPL); the designer can reword it
                  purpose: e.target.checked ? (field.purpose ?? t("sheetImport.defaultPurpose")) : undefined,
                  purpose_en: e.target.checked ? field.purpose_en : undefined,
                })
              }
            />
          ),
        },
        { title: t("sheetImport.columns.options"), render: (_, field) => <Typography.Text ellipsis>{optionsText(field)}</Typography.Text> },
        {
          title: t("sheetImport.columns.evidence"),
          width: 200,
          render: (_, field) => (
            <Flex vertical gap={4} align="start">
              <Tag color={field.evidence.by === "default" ? "default" : "blue"}>{evidenceText(field.evidence)}</Tag>
              {field.warnings.map((warning) => (
                <Typography.Text key={warning} type="warning">
                  {t(`sheetImport.warnings.${warning}`)}
                </Typography.Text>
              ))}
            </Flex>
          ),
        },
        {
          title: t("sheetImport.columns.samples"),
          render: (_, field) => <Typography.Text type="secondary">{field.samples.join("、")}</Typography.Text>,
        },
      ]}
    />
  );
}

// Step 2: where each sheet column goes. Pre-matched (matchHeaders); every select can change it;
// a required column without a header, or a column taken twice, blocks the check.
import { Alert, Button, Flex, Select, Table, Typography } from "antd";
import { useLocale, useT } from "@/i18n";
import { cellText, type SheetTable } from "@/pages/sheet-import/sheetCells";
import { mappingProblems, type HeaderMapping, type ImportColumn } from "./importColumns";

export interface MappingStepProps {
  table: SheetTable;
  columns: readonly ImportColumn[];
  mapping: HeaderMapping;
  onChange(mapping: HeaderMapping): void;
  onBack(): void;
  onNext(): void;
}

export function MappingStep({ table, columns, mapping, onChange, onBack, onNext }: MappingStepProps) {
  const t = useT();
  const english = useLocale() === "en";
  const label = (column: ImportColumn) => (english ? column.labelEn : column.label) + (column.required ? " *" : "");
  const problems = mappingProblems(table.headers, mapping, columns);
  const sample = (index: number) =>
    table.rows
      .slice(0, 50)
      .map((row) => cellText(row.cells[index] ?? null))
      .filter((text) => text !== "")
      .slice(0, 2)
      .join(" / ");
  const options = [{ value: "", label: t("dataImport.mapping.skip") }, ...columns.map((column) => ({ value: column.key, label: label(column) }))];

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph style={{ margin: 0 }}>{t("dataImport.mapping.hint")}</Typography.Paragraph>
      <Table
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={table.headers.map((header, index) => ({ header, index }))}
        columns={[
          { title: t("dataImport.mapping.header"), dataIndex: "header", width: 200 },
          {
            title: t("dataImport.mapping.sample"),
            key: "sample",
            render: (_, { index }) => <Typography.Text type="secondary">{sample(index)}</Typography.Text>,
          },
          {
            title: t("dataImport.mapping.target"),
            key: "target",
            width: 260,
            render: (_, { header, index }) => (
              <Select
                aria-label={t("dataImport.mapping.targetOf", { header })}
                style={{ width: 240 }}
                value={mapping[index] ?? ""}
                options={options}
                showSearch
                optionFilterProp="label"
                onChange={(key: string) => onChange(mapping.map((old, i) => (i === index ? key || null : old)))}
              />
            ),
          },
        ]}
      />
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          message={t("dataImport.mapping.blocked")}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((p) => (
                <li key={`${p.kind}-${p.column.key}`}>
                  {p.kind === "missing"
                    ? t("dataImport.mapping.missing", { column: english ? p.column.labelEn : p.column.label })
                    : t("dataImport.mapping.twice", {
                        column: english ? p.column.labelEn : p.column.label,
                        headers: p.headers.join(t("records.list.separator")),
                      })}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Text type="secondary">{t("dataImport.mapping.remembered")}</Typography.Text>
      <Flex gap={8}>
        <Button onClick={onBack}>{t("sheetImport.back")}</Button>
        <Button type="primary" disabled={problems.length > 0} onClick={onNext}>
          {t("dataImport.mapping.check", { rows: table.rows.length.toLocaleString() })}
        </Button>
      </Flex>
    </Flex>
  );
}

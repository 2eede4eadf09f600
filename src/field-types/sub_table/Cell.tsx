import { Table } from "antd";
import { pickText } from "@/contract";
import { emptyCellText, fieldLabel } from "../shared/labels";
import type { FieldCellProps } from "../types";
import { columnTypeOf, type ColumnTypes, type SubTableField } from "./definition";

type Row = Record<string, unknown>;

/** A row count in lists; the whole table, through each column's own Cell, on the detail page. */
export function SubTableCell({ columnTypes, field, value, language, lookups, variant }: FieldCellProps<SubTableField> & { columnTypes: ColumnTypes }) {
  const rows = Array.isArray(value) ? value.filter((row): row is Row => typeof row === "object" && row !== null) : [];
  if (rows.length === 0) return <>{emptyCellText}</>;
  if (variant !== "detail") return <>{pickText(language, `${rows.length} 行`, `${rows.length} rows`)}</>;
  const columns = field.columns.map((column) => {
    const type = columnTypeOf(columnTypes, field.key, column);
    return {
      key: column.key,
      title: fieldLabel(column, language),
      render: (_: unknown, { row }: { row: Row }) => (
        <type.Cell field={column} value={row[column.key]} language={language} lookups={lookups} variant="detail" />
      ),
    };
  });
  const indexed = rows.map((row, index) => ({ index, row }));
  return <Table size="small" pagination={false} rowKey="index" dataSource={indexed} columns={columns} />;
}

import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Table } from "antd";
import { pickText } from "@/contract";
import { fieldLabel } from "../shared/labels";
import type { FieldInputProps } from "../types";
import { columnTypeOf, type ColumnTypes, type SubTableField } from "./definition";

type Row = Record<string, unknown>;
/** Rows have no ids; keying by position keeps each cell's input mounted (and focused) while typing. */
type IndexedRow = { index: number; row: Row };
const asRows = (value: unknown): Row[] => (Array.isArray(value) ? value.filter((row): row is Row => typeof row === "object" && row !== null) : []);

/** Each cell is the column type's own Input, so rows follow exactly the rules of top-level fields. */
export function SubTableInput({
  columnTypes,
  field,
  value,
  onChange,
  onBlur,
  disabled,
  id,
  language,
  loaders,
}: FieldInputProps<SubTableField> & { columnTypes: ColumnTypes }) {
  const rows = asRows(value);
  const setRows = (next: Row[]) => onChange(next.length === 0 ? null : next);
  const setCell = (index: number, key: string, cell: unknown) => setRows(rows.map((row, i) => (i === index ? { ...row, [key]: cell } : row)));
  const full = field.maxRows !== undefined && rows.length >= field.maxRows;
  const columns = field.columns.map((column) => {
    const type = columnTypeOf(columnTypes, field.key, column);
    return {
      key: column.key,
      title: `${column.required ? "* " : ""}${fieldLabel(column, language)}`,
      render: (_: unknown, { row, index }: IndexedRow) => (
        <type.Input
          field={column}
          value={row[column.key]}
          onChange={(cell) => setCell(index, column.key, cell)}
          onBlur={onBlur}
          disabled={disabled}
          language={language}
          loaders={loaders}
        />
      ),
    };
  });
  const actions = {
    key: "__actions",
    width: 48,
    render: (_: unknown, { index }: IndexedRow) => (
      <Button
        type="text"
        danger
        icon={<DeleteOutlined />}
        disabled={disabled}
        aria-label={pickText(language, "删除此行", "Remove row")}
        onClick={() => setRows(rows.filter((_r, i) => i !== index))}
      />
    ),
  };
  return (
    <div id={id}>
      <Table<IndexedRow>
        size="small"
        pagination={false}
        rowKey="index"
        dataSource={rows.map((row, index) => ({ index, row }))}
        columns={[...columns, actions]}
        scroll={{ x: true }}
      />
      <Button type="dashed" block icon={<PlusOutlined />} disabled={disabled || full} onClick={() => setRows([...rows, {}])}>
        {pickText(language, "添加一行", "Add row")}
      </Button>
    </div>
  );
}

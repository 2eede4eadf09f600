import { Table } from 'antd';
import { getFieldType } from '../get-field-type';
import { emptyCellText, fieldLabel, pickText } from '../shared/labels';
import type { FieldCellProps } from '../types';
import type { SubTableField } from './definition';

type Row = Record<string, unknown>;

/** A row count in lists; the whole table, through each column's own Cell, on the detail page. */
export function SubTableCell({ field, value, language, lookups, variant }: FieldCellProps<SubTableField>) {
  const rows = Array.isArray(value) ? value.filter((row): row is Row => typeof row === 'object' && row !== null) : [];
  if (rows.length === 0) return <>{emptyCellText}</>;
  if (variant !== 'detail') return <>{pickText(language, `${rows.length} 行`, `${rows.length} rows`)}</>;
  const columns = field.columns.map((column) => {
    const type = getFieldType(field.key, `${field.key}.${column.key}`, column.type);
    return {
      key: column.key,
      title: fieldLabel(column, language),
      render: (_: unknown, { row }: { row: Row }) => <type.Cell field={column} value={row[column.key]} language={language} lookups={lookups} variant="detail" />,
    };
  });
  const indexed = rows.map((row, index) => ({ index, row }));
  return <Table size="small" pagination={false} rowKey="index" dataSource={indexed} columns={columns} />;
}

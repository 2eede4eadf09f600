import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { CrudFilter, LogicalFilter } from "@refinedev/core";
import { Button, Card, Flex, Select, Space } from "antd";
import { useMemo, useState } from "react";
import type { FilterOperator } from "@/field-types";
import { useT } from "@/i18n";
import type { ServiceDefinition } from "@/services/schema";
import { useFieldLoaders } from "../hooks/useFieldLoaders";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { useColumnLabel } from "../shared/useColumnLabel";
import { filterableColumns, type FilterableColumn } from "./filterFields";
import { draftValue, FilterValueInput } from "./FilterValueInput";
import { keywordField } from "./recordListQuery";

interface DraftCondition {
  id: number;
  name: string;
  operator: FilterOperator;
  value: unknown;
}

interface FilterPanelProps {
  definition: ServiceDefinition;
  /** the list's current filters (from the URL) */
  filters: readonly CrudFilter[];
  /** replaces every condition except the keyword */
  onApply(conditions: LogicalFilter[]): void;
}

let nextId = 1;

function toDrafts(filters: readonly CrudFilter[], columns: readonly FilterableColumn[]): DraftCondition[] {
  return filters.flatMap((filter) => {
    if (!("field" in filter) || filter.field === keywordField) return [];
    const column = columns.find((c) => c.name === filter.field);
    const operator = filter.operator as FilterOperator;
    if (!column || !column.operators.includes(operator)) return [];
    return [{ id: nextId++, name: column.name, operator, value: draftValue(column, filter.value) }];
  });
}

/** Conditions on the definition's filterable columns, edited as a draft and applied together. */
export function FilterPanel({ definition, filters, onApply }: FilterPanelProps) {
  const t = useT();
  const language = useFieldLanguage();
  const loaders = useFieldLoaders();
  const { columnLabel, systemLabel } = useColumnLabel(definition);
  const columns = useMemo(() => filterableColumns(definition, systemLabel), [definition, systemLabel]);
  const [drafts, setDrafts] = useState<DraftCondition[]>(() => toDrafts(filters, columns));

  const update = (id: number, change: Partial<DraftCondition>) => setDrafts((rows) => rows.map((row) => (row.id === id ? { ...row, ...change } : row)));
  const add = () => {
    const column = columns[0];
    if (column) setDrafts((rows) => [...rows, { id: nextId++, name: column.name, operator: column.operators[0], value: undefined }]);
  };
  const apply = (rows: DraftCondition[]) => onApply(rows.map(({ name, operator, value }) => ({ field: name, operator, value: value ?? null })));

  return (
    <Card size="small" title={t("records.filters.title")} style={{ marginBottom: 16 }}>
      <Flex vertical gap={8}>
        {drafts.map((row) => {
          const column = columns.find((c) => c.name === row.name) ?? columns[0];
          return (
            <Space key={row.id} wrap align="start">
              <Select
                aria-label={t("records.filters.field")}
                value={column.name}
                style={{ minWidth: 160 }}
                options={columns.map((c) => ({ value: c.name, label: columnLabel(c.name) }))}
                onChange={(name: string) => {
                  const next = columns.find((c) => c.name === name) ?? column;
                  update(row.id, { name, operator: next.operators[0], value: undefined });
                }}
              />
              <Select
                aria-label={t("records.filters.operator")}
                value={row.operator}
                style={{ minWidth: 110 }}
                options={column.operators.map((op) => ({ value: op, label: t(`records.operators.${op}`) }))}
                onChange={(operator: FilterOperator) => update(row.id, { operator, value: undefined })}
              />
              <FilterValueInput
                id={`filter-${row.id}`}
                serviceKey={definition.key}
                column={column}
                operator={row.operator}
                value={row.value}
                onChange={(value) => update(row.id, { value })}
                language={language}
                loaders={loaders}
              />
              <Button
                aria-label={t("records.filters.remove")}
                icon={<DeleteOutlined />}
                onClick={() => setDrafts((rows) => rows.filter((r) => r.id !== row.id))}
              />
            </Space>
          );
        })}
        <Space wrap>
          <Button icon={<PlusOutlined />} onClick={add} disabled={columns.length === 0}>
            {t("records.filters.add")}
          </Button>
          <Button type="primary" onClick={() => apply(drafts)}>
            {t("records.filters.apply")}
          </Button>
          <Button
            onClick={() => {
              setDrafts([]);
              apply([]);
            }}
          >
            {t("records.filters.clear")}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}

// 列表: which columns staff see and in what order, the default sort, which fields the filter
// panel and the keyword box offer, and the page size. The preview is the real table with the
// service's own records (when published) or an empty one.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { useList } from "@refinedev/core";
import { Button, Card, Col, Form, InputNumber, List, Row, Select, Space, Table, Typography } from "antd";
import { useMemo } from "react";
import { fieldLabel, fieldTypes, isFieldTypeKey } from "@/field-types";
import { useT } from "@/i18n";
import { parseServiceDefinition, systemColumns, type ServiceDefinition } from "@/services/schema";
import { asRecordRow, recordColumns, recordsResource, type RecordRow } from "@/data/records";
import { useLookups } from "@/views/hooks/useLookups";
import { useRecordTableColumns } from "@/views/list/useRecordTableColumns";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import type { ConcernProps, DraftDefinition } from "../designerDoc";
import { errorsAt } from "../errorsAt";

type ListDraft = DraftDefinition["list"];
const noRows: readonly string[] = [];

function ListPreview({ definition, serviceId }: { definition: ServiceDefinition; serviceId: string | null }) {
  const records = useList({
    resource: recordsResource,
    pagination: { currentPage: 1, pageSize: 5 },
    filters: serviceId ? [{ field: "service_id", operator: "eq", value: serviceId }] : [],
    sorters: [{ field: definition.list.defaultSort.field, order: definition.list.defaultSort.order }].filter((s) => systemColumns.includes(s.field as never)),
    meta: { select: recordColumns },
    queryOptions: { enabled: serviceId !== null },
  });
  const rows = useMemo(() => (serviceId ? (records.result?.data ?? []).map((row) => asRecordRow(row as never)) : []), [records.result, serviceId]);
  const lookups = useLookups(noRows);
  const columns = useRecordTableColumns({ definition, serviceKey: definition.key, sorters: [], lookups, now: new Date() });
  return (
    <Table<RecordRow>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: "max-content" }}
      loading={records.query.isLoading && serviceId !== null}
    />
  );
}

export default function ListConcern({ doc, change, errors, service }: ConcernProps) {
  const t = useT();
  const language = useFieldLanguage();
  const definition = doc.definition;
  const list: ListDraft = definition.list ?? { columns: [] };
  const fields = definition.fields ?? [];

  const nameOf = (column: string) => {
    if ((systemColumns as readonly string[]).includes(column)) return t(`records.system.${column as (typeof systemColumns)[number]}`);
    const field = fields.find((f) => f.key === column);
    return field ? fieldLabel(field as never, language) : column;
  };
  const allColumns = [...fields.map((f) => f.key), ...systemColumns];
  const sortable = allColumns.filter((column) => {
    const field = fields.find((f) => f.key === column);
    return !field || (isFieldTypeKey(field.type) && fieldTypes[field.type].sortable);
  });
  const searchable = fields.filter((f) => isFieldTypeKey(f.type) && fieldTypes[f.type].searchable).map((f) => f.key);

  const setList = (patch: Partial<ListDraft>, label: string) =>
    change((current) => ({ ...current, definition: { ...current.definition, list: { ...(current.definition.list ?? { columns: [] }), ...patch } } }), label);

  const move = (index: number, by: number) => {
    const columns = [...list.columns];
    const [column] = columns.splice(index, 1);
    columns.splice(index + by, 0, column);
    setList({ columns }, t("designer.list.reorder"));
  };

  const problems = (path: string) => {
    const found = errorsAt(errors, path);
    return found.length > 0
      ? { validateStatus: "error" as const, help: found.map((p) => `${language === "en" ? p.message_en : p.message_zh}`).join("；") }
      : {};
  };

  const parsed = useMemo(() => parseServiceDefinition(definition, fieldTypes), [definition]);
  const options = (keys: readonly string[]) => keys.map((key) => ({ value: key, label: nameOf(key) }));

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={10}>
        <Form layout="vertical">
          <Form.Item label={t("designer.list.columns")} {...problems("list.columns")}>
            <List
              size="small"
              bordered
              dataSource={list.columns}
              renderItem={(column, index) => (
                <List.Item
                  actions={[
                    <Button
                      key="up"
                      size="small"
                      type="text"
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0}
                      aria-label={t("designer.moveUp", { what: nameOf(column) })}
                      onClick={() => move(index, -1)}
                    />,
                    <Button
                      key="down"
                      size="small"
                      type="text"
                      icon={<ArrowDownOutlined />}
                      disabled={index === list.columns.length - 1}
                      aria-label={t("designer.moveDown", { what: nameOf(column) })}
                      onClick={() => move(index, 1)}
                    />,
                    <Button
                      key="remove"
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={list.columns.length === 1}
                      aria-label={t("designer.list.removeColumn", { what: nameOf(column) })}
                      onClick={() => setList({ columns: list.columns.filter((c) => c !== column) }, t("designer.list.removeColumn", { what: nameOf(column) }))}
                    />,
                  ]}
                >
                  {nameOf(column)}
                </List.Item>
              )}
            />
            <Select
              aria-label={t("designer.list.addColumn")}
              placeholder={t("designer.list.addColumn")}
              value={null}
              style={{ width: "100%", marginTop: 8 }}
              options={options(allColumns.filter((c) => !list.columns.includes(c)))}
              onChange={(column: string) => setList({ columns: [...list.columns, column] }, t("designer.list.addColumnNamed", { what: nameOf(column) }))}
            />
          </Form.Item>
          <Form.Item label={t("designer.list.defaultSort")} {...problems("list.defaultSort")}>
            <Space.Compact style={{ width: "100%" }}>
              <Select
                aria-label={t("designer.list.defaultSort")}
                style={{ flex: 1 }}
                value={list.defaultSort?.field ?? "created_at"}
                options={options(sortable)}
                onChange={(field: string) => setList({ defaultSort: { field, order: list.defaultSort?.order ?? "desc" } }, t("designer.list.defaultSort"))}
              />
              <Select
                aria-label={t("designer.list.order")}
                style={{ width: 120 }}
                value={list.defaultSort?.order ?? "desc"}
                options={[
                  { value: "desc", label: t("designer.list.desc") },
                  { value: "asc", label: t("designer.list.asc") },
                ]}
                onChange={(order: "asc" | "desc") =>
                  setList({ defaultSort: { field: list.defaultSort?.field ?? "created_at", order } }, t("designer.list.order"))
                }
              />
            </Space.Compact>
          </Form.Item>
          <Form.Item label={t("designer.list.filterable")} extra={t("designer.list.filterableHint")} {...problems("list.filterable")}>
            <Select
              mode="multiple"
              aria-label={t("designer.list.filterable")}
              value={list.filterable ?? []}
              options={options(allColumns)}
              onChange={(filterable: string[]) => setList({ filterable }, t("designer.list.filterable"))}
            />
          </Form.Item>
          <Form.Item label={t("designer.list.searchable")} extra={t("designer.list.searchableHint")} {...problems("list.searchable")}>
            <Select
              mode="multiple"
              aria-label={t("designer.list.searchable")}
              value={list.searchable ?? []}
              options={options(searchable)}
              onChange={(next: string[]) => setList({ searchable: next }, t("designer.list.searchable"))}
            />
          </Form.Item>
          <Form.Item label={t("designer.list.pageSize")} htmlFor="list-page-size" {...problems("list.pageSize")}>
            <InputNumber
              id="list-page-size"
              min={5}
              max={100}
              value={list.pageSize ?? 20}
              onChange={(pageSize) => pageSize !== null && setList({ pageSize }, t("designer.list.pageSize"))}
            />
          </Form.Item>
        </Form>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title={t("designer.preview")}>
          {parsed.ok ? (
            <>
              <Typography.Paragraph type="secondary">
                {service?.current_version ? t("designer.list.previewRecords") : t("designer.list.previewEmpty")}
              </Typography.Paragraph>
              <ListPreview definition={parsed.definition} serviceId={service?.current_version ? service.id : null} />
            </>
          ) : (
            <Typography.Text type="secondary">{t("designer.previewBlocked")}</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}

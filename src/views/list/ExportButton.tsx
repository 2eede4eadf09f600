import { DownloadOutlined } from "@ant-design/icons";
import { useDataProvider, useNotification, type CrudFilter, type CrudSort } from "@refinedev/core";
import { Alert, Button, Checkbox, Flex, Form, Input, Modal, Progress, Space, Typography } from "antd";
import { useState } from "react";
import { useT } from "@/i18n";
import type { ServiceDefinition } from "@/services/schema";
import { exportPageSize, exportRecordsPage, type ExportedRecord } from "@/data/exportRecords";
import { recordsResource } from "@/data/records";
import { useOrgUnits } from "../hooks/useOrgUnits";
import { useUnitLabel } from "../hooks/useUnitLabel";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { useColumnLabel } from "../shared/useColumnLabel";
import { useErrorText } from "../shared/useErrorText";
import { exportFileName } from "./exportRows";
import { allExportColumns, exportSheets } from "./exportSheets";
import { selectFor } from "./recordListQuery";

/** A roster sent upstream (花名册) fits; beyond this it is a report, not a list export. */
const maxRows = 50_000;

interface ExportButtonProps {
  definition: ServiceDefinition;
  serviceId: string;
  serviceName: string;
  /** exactly what the list shows: provider filters and sorters */
  filters: CrudFilter[];
  sorters: CrudSort[];
  /** the list's count for these filters */
  total: number | undefined;
  /** the user's role may view sensitive answers of this service (the database decides per record) */
  mayUnmask: boolean;
}

/**
 * 导出: choose the columns (every field, sub-tables on sheets of their own), export the list's
 * current filter page by page with a progress bar, through export_records — which enforces the
 * `export` grant and unmasks only with view_sensitive and a reason, logging every page.
 */
export function ExportButton({ definition, serviceId, serviceName, filters, sorters, total, mayUnmask }: ExportButtonProps) {
  const t = useT();
  const language = useFieldLanguage();
  const errorText = useErrorText();
  const { open } = useNotification();
  const dataProvider = useDataProvider();
  const units = useOrgUnits();
  const orgUnitLabel = useUnitLabel();
  const { columnLabel } = useColumnLabel(definition);
  const [dialog, setDialog] = useState(false);
  const [columns, setColumns] = useState<string[]>(definition.list.columns);
  const [subTablesApart, setSubTablesApart] = useState(true);
  const [unmasked, setUnmasked] = useState(false);
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<number | null>(null);

  const everyColumn = allExportColumns(definition);
  const hasSubTables = definition.fields.some((f) => f.type === "sub_table");
  const hasSensitive = definition.fields.some((f) => f.sensitive && columns.includes(f.key));
  const expected = Math.min(total ?? maxRows, maxRows);
  const ready = columns.length > 0 && (!unmasked || reason.trim().length >= 4) && done === null;

  const run = async () => {
    setDone(0);
    try {
      const provider = dataProvider();
      const exportId = crypto.randomUUID();
      const records: ExportedRecord[] = [];
      for (let page = 1; records.length < maxRows; page++) {
        // the list's own query, for ids only: the same filter and order as on screen
        const ids = await provider.getList<{ id: string }>({
          resource: recordsResource,
          pagination: { currentPage: page, pageSize: exportPageSize, mode: "server" },
          filters,
          sorters,
          meta: { select: selectFor("id", filters) },
        });
        if (ids.data.length === 0) break;
        const rows = await exportRecordsPage({
          serviceId,
          ids: ids.data.map((r) => r.id).slice(0, maxRows - records.length),
          columns,
          unmasked,
          reason: unmasked ? reason.trim() : undefined,
          exportId,
        });
        records.push(...rows);
        setDone(records.length);
        if (ids.data.length < exportPageSize) break;
      }
      const userIds = [...new Set(records.flatMap((r) => (r.assignee ? [r.assignee] : [])))];
      // the Supabase provider has getMany; without it names fall back to ids
      const profiles =
        userIds.length && provider.getMany
          ? (await provider.getMany<{ id: string; display_name: string }>({ resource: "profiles", ids: userIds, meta: { select: "id,display_name" } })).data
          : [];
      const names = new Map(profiles.map((p) => [p.id, p.display_name]));
      const sheets = exportSheets(
        definition,
        records,
        columns,
        { language, columnLabel, orgUnitName: (id) => units.byId.get(id)?.name, orgUnitLabel, userName: (id) => names.get(id) },
        { serviceName, subTablesApart },
      );
      const { downloadSheets } = await import("./exportWorkbook");
      await downloadSheets(sheets, exportFileName(serviceName, new Date()));
      const truncated = (total ?? 0) > maxRows;
      open?.({
        type: truncated ? "error" : "success",
        message: truncated ? t("records.export.truncated", { count: maxRows }) : t("records.export.done", { count: records.length }),
      });
      setDialog(false);
    } catch (e) {
      open?.({ type: "error", message: t("records.export.failed"), description: errorText(e) });
    } finally {
      setDone(null);
    }
  };

  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => setDialog(true)}>
        {t("records.export.button")}
      </Button>
      <Modal
        open={dialog}
        title={t("records.export.title", { service: serviceName })}
        okText={t("records.export.start")}
        okButtonProps={{ disabled: !ready, loading: done !== null }}
        onOk={() => void run()}
        onCancel={() => done === null && setDialog(false)}
        width={720}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("records.export.scope", { total: total ?? 0, max: maxRows.toLocaleString() })}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t("records.export.columns")}>
            <Space style={{ marginBottom: 8 }}>
              <Button size="small" onClick={() => setColumns(everyColumn)}>
                {t("records.export.allColumns")}
              </Button>
              <Button size="small" onClick={() => setColumns(definition.list.columns)}>
                {t("records.export.listColumns")}
              </Button>
            </Space>
            <Checkbox.Group
              value={columns}
              onChange={(next) => setColumns(everyColumn.filter((c) => next.includes(c)))}
              options={everyColumn.map((c) => ({ value: c, label: columnLabel(c) }))}
            />
          </Form.Item>
          {hasSubTables && (
            <Form.Item>
              <Checkbox checked={subTablesApart} onChange={(e) => setSubTablesApart(e.target.checked)}>
                {t("records.export.subTables")}
              </Checkbox>
            </Form.Item>
          )}
          {mayUnmask && hasSensitive && (
            <Form.Item extra={t("records.export.unmaskedHelp")}>
              <Checkbox checked={unmasked} onChange={(e) => setUnmasked(e.target.checked)}>
                {t("records.export.unmasked")}
              </Checkbox>
            </Form.Item>
          )}
          {unmasked && (
            <Form.Item label={t("records.export.reason")} required>
              <Input
                aria-label={t("records.export.reason")}
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
                placeholder={t("records.export.reasonPlaceholder")}
              />
            </Form.Item>
          )}
        </Form>
        {unmasked && <Alert type="info" showIcon message={t("records.export.masked")} style={{ marginBottom: 12 }} />}
        {done !== null && (
          <Flex vertical gap={4}>
            <Progress percent={expected > 0 ? Math.min(100, Math.round((done / expected) * 100)) : 0} />
            <Typography.Text type="secondary">{t("records.export.progress", { done, total: expected })}</Typography.Text>
          </Flex>
        )}
      </Modal>
    </>
  );
}

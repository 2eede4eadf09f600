// 导出 on the registry list: the people of the current filter, page by page — the list's query
// finds them, export_residents hands out those the caller may export, masked by the database (no
// unmasked export of the registry), and logs each page. Offered to roles that may export some
// service; the database holds the same line (export_forbidden).
import { DownloadOutlined } from "@ant-design/icons";
import { useGetIdentity, useNotification } from "@refinedev/core";
import { Button, Flex, Modal, Progress, Typography } from "antd";
import { useState } from "react";
import type { Identity } from "@/data/myContext";
import { exportResidentsPage, listResidents, type ResidentListQuery, type ResidentListRow } from "@/data/residents";
import { useT } from "@/i18n";
import { usePublishedServices } from "@/views/hooks/usePublishedServices";
import { useUnitLabel } from "@/views/hooks/useUnitLabel";
import { useErrorText } from "@/views/shared/useErrorText";
import { currentTagKeys } from "./residentTags";
import { useRegistryLabels } from "./useRegistryLabels";

/** As the records export: a roster, not a data dump. */
const maxRows = 50_000;
const pageSize = 1000;

export function ResidentExportButton({ query, total }: { query: ResidentListQuery; total: number | undefined }) {
  const t = useT();
  const errorText = useErrorText();
  const { open } = useNotification();
  const labels = useRegistryLabels();
  const unitLabel = useUnitLabel();
  const services = usePublishedServices();
  const { data: identity } = useGetIdentity<Identity>();
  const [dialog, setDialog] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const roles = identity?.roles ?? [];
  const mayExport = (services.data ?? []).some((service) => roles.some((role) => (service.grants[role] ?? []).includes("export")));
  if (!mayExport) return null;
  const expected = Math.min(total ?? maxRows, maxRows);

  const run = async () => {
    setDone(0);
    try {
      const rows: ResidentListRow[] = [];
      const exportId = crypto.randomUUID();
      for (let page = 0; rows.length < maxRows; page += 1) {
        const next = await listResidents({ ...query, search: query.search, page, pageSize });
        const ids = next.rows.slice(0, maxRows - rows.length).map((row) => row.id);
        // the list finds the page; the database hands out the rows it lets this caller export, and logs the page
        rows.push(...(await exportResidentsPage(ids, exportId)));
        setDone(rows.length);
        if (next.rows.length < pageSize) break;
      }
      const thisYear = Number(query.today.slice(0, 4));
      const table = {
        headers: [
          t("residents.columns.name"),
          t("residents.columns.idNumber"),
          t("residents.columns.phone"),
          t("residents.columns.sex"),
          t("residents.columns.age"),
          t("residents.columns.unit"),
          t("residents.columns.tags"),
        ],
        rows: rows.map((row) => [
          row.name,
          row.id_number,
          row.phone ?? "",
          labels.codeLabel("sex", row.sex) ?? "",
          thisYear - row.birth_year,
          unitLabel(row.grid_org_unit_id) ?? "",
          currentTagKeys(row, labels.tagKinds, query.today).map(labels.tagLabel).join("、"),
        ]),
      };
      const { downloadWorkbook } = await import("@/views/list/exportWorkbook");
      await downloadWorkbook(table, t("residentExport.sheet"), `${t("residentExport.file")}-${query.today}.xlsx`);
      const truncated = (total ?? 0) > maxRows;
      open?.({
        type: truncated ? "error" : "success",
        message: truncated ? t("residentExport.truncated", { count: maxRows }) : t("residentExport.done", { count: rows.length }),
      });
      setDialog(false);
    } catch (e) {
      open?.({ type: "error", message: t("residentExport.failed"), description: errorText(e) });
    } finally {
      setDone(null);
    }
  };

  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => setDialog(true)}>
        {t("residentExport.button")}
      </Button>
      <Modal
        open={dialog}
        title={t("residentExport.title")}
        okText={t("residentExport.start")}
        okButtonProps={{ loading: done !== null }}
        onOk={() => void run()}
        onCancel={() => done === null && setDialog(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("residentExport.scope", { total: total ?? 0, max: maxRows.toLocaleString() })}</Typography.Paragraph>
        {done !== null && (
          <Flex vertical gap={4}>
            <Progress percent={expected > 0 ? Math.min(100, Math.round((done / expected) * 100)) : 0} />
            <Typography.Text type="secondary">{t("residentExport.progress", { done, total: expected })}</Typography.Text>
          </Flex>
        )}
      </Modal>
    </>
  );
}

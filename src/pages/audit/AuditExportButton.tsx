// 导出 Excel: every entry the filters match (up to maxRows), fetched page by page from the same
// RPC the table uses, written by exceljs (loaded only when someone exports).
import { DownloadOutlined } from "@ant-design/icons";
import { useNotification } from "@refinedev/core";
import { Button } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useT } from "@/i18n";
import type { AuditEvent, AuditFilters } from "@/lib/domain/audit";
import { listAuditEvents } from "@/data/auditEvents";
import { useErrorText } from "@/views/shared/useErrorText";
import { useAuditLabels } from "./useAuditLabels";

const pageSize = 1000;
const maxRows = 10_000;

export function AuditExportButton({ filters }: { filters: AuditFilters }) {
  const t = useT();
  const errorText = useErrorText();
  const { open } = useNotification();
  const { kindLabel, actionLabel, detailText } = useAuditLabels();
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    try {
      const events: AuditEvent[] = [];
      let total = 0;
      do {
        const page = await listAuditEvents(filters, events.length, pageSize);
        events.push(...page.rows);
        total = page.total;
        if (page.rows.length < pageSize) break;
      } while (events.length < Math.min(total, maxRows));
      if (total > maxRows) open?.({ type: "error", message: t("audit.exportTooMany", { max: maxRows }) });
      const { downloadWorkbook } = await import("@/views/list/exportWorkbook");
      await downloadWorkbook(
        {
          headers: [
            t("audit.columns.at"),
            t("audit.columns.kind"),
            t("audit.columns.actor"),
            t("audit.columns.unit"),
            t("audit.columns.action"),
            t("audit.columns.subject"),
            t("audit.columns.detail"),
          ],
          rows: events
            .slice(0, maxRows)
            .map((e) => [
              dayjs(e.at).format("YYYY-MM-DD HH:mm:ss"),
              kindLabel(e.kind),
              e.actor_name ?? e.actor ?? t("audit.system"),
              e.org_unit_name ?? "",
              actionLabel(e),
              e.subject ?? "",
              detailText(e) ?? "",
            ]),
        },
        t("audit.audit"),
        `audit-log-${dayjs().format("YYYY-MM-DD")}.xlsx`,
      );
    } catch (e) {
      open?.({ type: "error", message: t("audit.exportFailed"), description: errorText(e) });
    } finally {
      setRunning(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={running} onClick={() => void run()}>
      {t("audit.export")}
    </Button>
  );
}

// The rows that will not be imported, by Excel row number, column and problem, with the error
// report to download: the bad rows as they were in the sheet, 原行号 and 错误说明 added, the
// cells at fault highlighted — fix them there and upload that file (or the whole sheet) again.
import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Table } from "antd";
import { useState } from "react";
import { useLocale, useT } from "@/i18n";
import type { SheetTable } from "@/pages/sheet-import/sheetCells";
import { errorReport } from "./errorReport";
import { writeImportFile } from "./importFiles";
import type { RowProblem } from "./importRows";
import { saveFile } from "@/lib/saveFile";

export interface ProblemReportProps {
  table: SheetTable;
  fileName: string;
  problems: readonly RowProblem[];
}

export function ProblemReport({ table, fileName, problems }: ProblemReportProps) {
  const t = useT();
  const english = useLocale() === "en";
  const [making, setMaking] = useState(false);
  const [failed, setFailed] = useState(false);

  const download = async () => {
    setMaking(true);
    try {
      const sheet = t("dataImport.check.reportSheet");
      const buffer = await writeImportFile({ kind: "report", report: errorReport(table, problems, english), sheetName: sheet });
      saveFile(buffer, `${fileName.replace(/\.(xlsx|csv)$/i, "")}-${sheet}.xlsx`);
    } catch {
      setFailed(true);
    } finally {
      setMaking(false);
    }
  };

  return (
    <section aria-label={t("dataImport.check.table")}>
      <Table<RowProblem & { n: number }>
        rowKey="n"
        size="small"
        pagination={problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        dataSource={problems.map((p, n) => ({ ...p, n }))}
        columns={[
          { title: t("dataImport.check.row"), dataIndex: "rowNumber", width: 110, render: (row: number) => t("dataImport.check.rowN", { row }) },
          { title: t("dataImport.check.column"), dataIndex: "column", width: 160, render: (column: string) => column || t("dataImport.check.wholeRow") },
          { title: t("dataImport.check.message"), key: "message", render: (_, p) => (english ? p.message_en : p.message_zh) },
        ]}
      />
      <Button icon={<DownloadOutlined />} loading={making} onClick={() => void download()} style={{ marginTop: 8 }}>
        {t("dataImport.check.report")}
      </Button>
      {failed && <Alert type="error" showIcon message={t("dataImport.templateFailed")} style={{ marginTop: 8 }} />}
    </section>
  );
}

// The rows that would not pass, by Excel row number and column, while NOTHING has been imported.
// Three ways on: fix the sheet and upload it again, download this list to fix it from, or — only as
// an explicit choice — leave these rows out and import the others.
import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Popconfirm, Table } from "antd";
import { useState } from "react";
import { useLocale, useT } from "@/i18n";
import type { RowProblem, SheetRowCheck } from "./checkSheetRows";
import type { SheetTable } from "./sheetCells";
import { SheetUpload } from "./SheetUpload";

export interface RowProblemReportProps {
  check: SheetRowCheck;
  fileName: string;
  busy: boolean;
  onSkip(): void;
  onReupload(table: SheetTable, fileName: string): void;
}

export function RowProblemReport({ check, fileName, busy, onSkip, onReupload }: RowProblemReportProps) {
  const t = useT();
  const english = useLocale() === "en";
  const [downloading, setDownloading] = useState(false);
  const message = (problem: RowProblem) => (english ? problem.message_en : problem.message_zh);

  const download = async () => {
    setDownloading(true);
    try {
      const { downloadWorkbook } = await import("@/views/list/exportWorkbook");
      await downloadWorkbook(
        {
          headers: [t("sheetImport.report.row"), t("sheetImport.report.column"), t("sheetImport.report.message")],
          rows: check.problems.map((problem) => [problem.rowNumber, problem.column, message(problem)]),
        },
        t("sheetImport.report.sheet"),
        `${fileName.replace(/\.xlsx$/i, "")}-${t("sheetImport.report.sheet")}.xlsx`,
      );
    } finally {
      setDownloading(false);
    }
  };

  return (
    <section aria-label={t("sheetImport.report.sheet")}>
      <Flex vertical gap={12}>
        <Alert
          type="error"
          showIcon
          message={t("sheetImport.report.title", { rows: check.badRows.length })}
          description={t("sheetImport.report.hint", { rows: check.badRows.join(", ") })}
        />
        <Table<RowProblem & { n: number }>
          rowKey="n"
          size="small"
          pagination={check.problems.length > 20 ? { pageSize: 20 } : false}
          dataSource={check.problems.map((problem, n) => ({ ...problem, n }))}
          columns={[
            { title: t("sheetImport.report.row"), dataIndex: "rowNumber", width: 80 },
            { title: t("sheetImport.report.column"), dataIndex: "column", width: 160 },
            { title: t("sheetImport.report.message"), render: (_, problem) => message(problem) },
          ]}
        />
        <Flex wrap gap={8} align="start">
          <SheetUpload compact onRead={onReupload} />
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()}>
            {t("sheetImport.report.download")}
          </Button>
          {check.records.length > 0 && (
            <Popconfirm
              title={t("sheetImport.report.skipConfirm", { bad: check.badRows.length, good: check.records.length })}
              okText={t("sheetImport.report.skipOk")}
              cancelText={t("sheetImport.back")}
              onConfirm={onSkip}
            >
              <Button danger loading={busy}>
                {t("sheetImport.report.skip", { bad: check.badRows.length, good: check.records.length })}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      </Flex>
    </section>
  );
}

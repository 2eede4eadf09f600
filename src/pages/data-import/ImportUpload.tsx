// Step 1: the template to download and the drop area. The file is read in a worker
// (readImportFile); a file that cannot be used is explained, and nothing is imported.
import { DownloadOutlined, InboxOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Spin, Typography, Upload } from "antd";
import { useState } from "react";
import { useT } from "@/i18n";
import type { SheetTable } from "@/pages/sheet-import/sheetCells";
import type { ImportColumn } from "./importColumns";
import { importLimits } from "./importLimits";
import { isExampleRow } from "./importRows";
import { readImportFile, writeImportFile } from "./importFiles";
import { saveFile } from "@/lib/saveFile";
import { templateSheets } from "./templateSheets";

export interface ImportUploadProps {
  columns: readonly ImportColumn[];
  /** the template's file and sheet name */
  templateName: string;
  onRead(table: SheetTable, fileName: string): void;
  /** a button instead of the drop area, without the template */
  compact?: boolean;
  disabled?: boolean;
}

export function ImportUpload({ columns, templateName, onRead, compact = false, disabled = false }: ImportUploadProps) {
  const t = useT();
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [making, setMaking] = useState(false);

  const read = async (file: File) => {
    setReading(true);
    setProblem(null);
    try {
      const answer = await readImportFile(file, importLimits);
      if (!answer.ok) {
        setProblem(t(`dataImport.problems.${answer.problem}`, importLimits));
        return;
      }
      const rows = answer.table.rows.filter((row) => !isExampleRow(row.cells));
      if (rows.length === 0) setProblem(t("dataImport.problems.no_rows"));
      else onRead({ ...answer.table, rows }, file.name);
    } catch {
      setProblem(t("dataImport.problems.loadFailed"));
    } finally {
      setReading(false);
    }
  };

  const downloadTemplate = async () => {
    setMaking(true);
    try {
      saveFile(await writeImportFile({ kind: "template", sheets: templateSheets(columns), sheetName: templateName }), `${templateName}-导入模板.xlsx`);
    } catch {
      setProblem(t("dataImport.templateFailed"));
    } finally {
      setMaking(false);
    }
  };

  const uploadProps = {
    accept: ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv",
    multiple: false,
    showUploadList: false,
    disabled: reading || disabled,
    beforeUpload: (file: File) => {
      void read(file);
      // read here, never uploaded by antd
      return false;
    },
  };

  if (compact) {
    return (
      <Flex vertical gap={8}>
        <Upload {...uploadProps}>
          <Button icon={<UploadOutlined />} loading={reading} disabled={disabled}>
            {t("dataImport.reupload")}
          </Button>
        </Upload>
        {problem && <Alert type="error" showIcon message={problem} />}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <Button icon={<DownloadOutlined />} loading={making} disabled={columns.length === 0} onClick={() => void downloadTemplate()}>
          {t("dataImport.template")}
        </Button>
        <Typography.Text type="secondary">{t("dataImport.templateHint")}</Typography.Text>
      </Flex>
      <Upload.Dragger {...uploadProps}>
        <Spin spinning={reading} tip={t("dataImport.reading")}>
          <p>
            <InboxOutlined style={{ fontSize: 40 }} />
          </p>
          <Typography.Paragraph strong>{t("dataImport.upload")}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {t("dataImport.uploadHint", { mb: importLimits.mb, rows: importLimits.rows.toLocaleString() })}
          </Typography.Paragraph>
        </Spin>
      </Upload.Dragger>
      {problem && <Alert type="error" showIcon message={problem} />}
    </Flex>
  );
}

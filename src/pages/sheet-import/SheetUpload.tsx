// The upload area: reads the chosen .xlsx in the browser (exceljs loaded only now) and explains a
// file it cannot use in words an admin can act on; nothing is sent anywhere at this step.
import { InboxOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Spin, Typography, Upload } from "antd";
import { useState } from "react";
import { useT } from "@/i18n";
import type { SheetTable } from "./sheetCells";
import { sheetLimits as limits } from "./sheetLimits";

export interface SheetUploadProps {
  onRead(table: SheetTable, fileName: string): void;
  /** a button instead of the drop area (re-uploading a corrected sheet) */
  compact?: boolean;
}

export function SheetUpload({ onRead, compact = false }: SheetUploadProps) {
  const t = useT();
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const read = async (file: File) => {
    setReading(true);
    setProblem(null);
    try {
      const { readWorkbook, SheetReadError } = await import("./readWorkbook");
      try {
        onRead(await readWorkbook(file), file.name);
      } catch (e) {
        setProblem(e instanceof SheetReadError ? t(`sheetImport.problems.${e.problem}`, limits) : t("sheetImport.problems.unreadable"));
      }
    } catch {
      // the reader itself did not load (offline, a new deployment): say so instead of crashing
      setProblem(t("sheetImport.problems.loadFailed"));
    } finally {
      setReading(false);
    }
  };

  const uploadProps = {
    accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    multiple: false,
    showUploadList: false,
    disabled: reading,
    beforeUpload: (file: File) => {
      void read(file);
      // read here, never uploaded by antd
      return false;
    },
  };

  return (
    <Flex vertical gap={12}>
      {compact ? (
        <Upload {...uploadProps}>
          <Button icon={<UploadOutlined />} loading={reading}>
            {t("sheetImport.report.reupload")}
          </Button>
        </Upload>
      ) : (
        <Upload.Dragger {...uploadProps}>
          <Spin spinning={reading} tip={t("sheetImport.reading")}>
            <p>
              <InboxOutlined style={{ fontSize: 40 }} />
            </p>
            <Typography.Paragraph strong>{t("sheetImport.upload")}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t("sheetImport.uploadHint", limits)}</Typography.Paragraph>
          </Spin>
        </Upload.Dragger>
      )}
      {problem && <Alert type="error" showIcon message={problem} />}
    </Flex>
  );
}

// The designer's top bar: where I am, whether my work is saved, undo/redo, the definition file,
// and the way to 发布.
import {
  ArrowLeftOutlined,
  CheckOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  LoadingOutlined,
  RedoOutlined,
  UndoOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import { Button, Flex, Space, Tag, Tooltip, Typography, Upload } from "antd";
import dayjs from "dayjs";
import { Link } from "react-router";
import type { ServiceRow } from "@/data/serviceAdmin";
import { useT } from "@/i18n";
import { ServiceIcon } from "@/views/menu/serviceIcons";
import { useErrorText } from "@/views/shared/useErrorText";
import type { DesignerDoc } from "./designerDoc";
import type { SaveState } from "./useDesignerDoc";

interface Props {
  service: ServiceRow;
  doc: DesignerDoc;
  save: SaveState;
  undoLabel: string | undefined;
  redoLabel: string | undefined;
  onUndo(): void;
  onRedo(): void;
  onExport(): void;
  onImport(file: File): void;
  onPublish(): void;
}

function SaveIndicator({ save }: { save: SaveState }) {
  const t = useT();
  const errorText = useErrorText();
  switch (save.kind) {
    case "saved":
      return (
        <Typography.Text type="secondary" role="status">
          <CheckOutlined /> {save.at ? t("designer.save.savedAt", { time: dayjs(save.at).format("HH:mm:ss") }) : t("designer.save.upToDate")}
        </Typography.Text>
      );
    case "pending":
    case "saving":
      return (
        <Typography.Text type="secondary" role="status">
          <LoadingOutlined /> {t("designer.save.saving")}
        </Typography.Text>
      );
    case "failed":
      return (
        <Typography.Text type="danger" role="status">
          {t("designer.save.failed", { reason: errorText(save.error) })}
        </Typography.Text>
      );
    case "conflict":
      return (
        <Typography.Text type="danger" role="status">
          {t("designer.save.conflictShort")}
        </Typography.Text>
      );
  }
}

export function DesignerHeader({ service, doc, save, undoLabel, redoLabel, onUndo, onRedo, onExport, onImport, onPublish }: Props) {
  const t = useT();
  const statusKey = service.status as "draft" | "published" | "archived";
  return (
    <Flex justify="space-between" align="center" wrap gap="small">
      <Space wrap>
        <Link to="/services" aria-label={t("designer.back")}>
          <ArrowLeftOutlined />
        </Link>
        <ServiceIcon name={doc.definition.icon} />
        <Typography.Title level={3} style={{ margin: 0 }}>
          {doc.definition.name || t("designer.basics.untitled")}
        </Typography.Title>
        <Tag>{t(`services.manage.status.${statusKey}`)}</Tag>
        {service.current_version !== null && <Tag>{t("services.manage.version", { version: service.current_version })}</Tag>}
        <SaveIndicator save={save} />
      </Space>
      <Space wrap>
        <Tooltip title={undoLabel !== undefined ? t("designer.undoWhat", { what: undoLabel }) : undefined}>
          <Button icon={<UndoOutlined />} disabled={undoLabel === undefined} onClick={onUndo}>
            {t("designer.undo")}
          </Button>
        </Tooltip>
        <Tooltip title={redoLabel !== undefined ? t("designer.redoWhat", { what: redoLabel }) : undefined}>
          <Button icon={<RedoOutlined />} disabled={redoLabel === undefined} onClick={onRedo}>
            {t("designer.redo")}
          </Button>
        </Tooltip>
        <Button icon={<DownloadOutlined />} onClick={onExport}>
          {t("designer.exportJson")}
        </Button>
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            onImport(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t("designer.importJson")}</Button>
        </Upload>
        <Button type="primary" icon={<CloudUploadOutlined />} onClick={onPublish}>
          {t("designer.publish.publish")}
        </Button>
      </Space>
    </Flex>
  );
}

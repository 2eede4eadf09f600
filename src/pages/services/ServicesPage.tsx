// 服务管理: the services an administrator may change (their unit's and below) and those they may
// only copy (a unit above owns them), with status, version, owner and the records they can see.
// Every action is an RPC the database checks; the page offers only what it would allow.
import { CopyOutlined, DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useNotification } from "@refinedev/core";
import { Alert, Badge, Button, Flex, Input, Modal, Space, Table, Tag, Tooltip, Typography, Upload } from "antd";
import type { TableColumnsType } from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { archiveService, type ServiceListRow } from "@/data/serviceAdmin";
import { useT } from "@/i18n";
import { ServiceIcon } from "@/views/menu/serviceIcons";
import { useErrorText } from "@/views/shared/useErrorText";
import { blankDefinition } from "../designer/blankDefinition";
import { downloadDefinition, readDefinitionFile, type DefinitionFileResult } from "../designer/definitionFile";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import { DefinitionFileErrors } from "./DefinitionFileErrors";
import { NewServiceModal, type NewServiceRequest } from "./NewServiceModal";
import { serviceSource } from "./serviceSource";
import { useRefreshServices, useServiceList } from "./useServiceList";

const statusColor: Record<string, string> = { draft: "default", published: "success", archived: "warning" };

export default function ServicesPage() {
  const t = useT();
  const language = useFieldLanguage();
  const navigate = useNavigate();
  const { open } = useNotification();
  const errorText = useErrorText();
  const services = useServiceList();
  const refresh = useRefreshServices();
  const [request, setRequest] = useState<NewServiceRequest | null>(null);
  const [refused, setRefused] = useState<Exclude<DefinitionFileResult, { ok: true }> | null>(null);
  const [query, setQuery] = useState("");

  const rows = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return (services.data ?? []).filter(
      (row) => !needle || row.name.toLowerCase().includes(needle) || (row.name_en ?? "").toLowerCase().includes(needle) || row.key.includes(needle),
    );
  }, [services.data, query]);

  const nameOf = (row: ServiceListRow) => (language === "en" && row.name_en ? row.name_en : row.name);

  const startBlank = () => setRequest({ title: t("services.manage.newTitle"), initialName: "", build: (key, name) => blankDefinition(key, name, language) });

  const startCopy = async (row: ServiceListRow) => {
    try {
      const source = await serviceSource(row.id);
      if (!source) return;
      setRequest({
        title: t("services.manage.copyTitle"),
        initialName: t("services.manage.copyName", { name: row.name }),
        build: (key, name) => ({ ...structuredClone(source), key, name }),
      });
    } catch (e) {
      open?.({ type: "error", message: errorText(e) });
    }
  };

  const exportJson = async (row: ServiceListRow) => {
    try {
      const source = await serviceSource(row.id);
      if (source) downloadDefinition(source);
    } catch (e) {
      open?.({ type: "error", message: errorText(e) });
    }
  };

  const importJson = async (file: File) => {
    const result = readDefinitionFile(await file.text(), file.size);
    if (!result.ok) {
      setRefused(result);
      return;
    }
    const { definition } = result;
    setRequest({
      title: t("services.manage.importTitle"),
      initialName: definition.name,
      preferredKey: definition.key,
      build: (key, name) => ({ ...definition, key, name }),
    });
  };

  const toggleArchive = (row: ServiceListRow) => {
    const archiving = row.status !== "archived";
    const act = async () => {
      try {
        await archiveService(row.id, archiving, row.row_version);
        await refresh();
        open?.({ type: "success", message: t(archiving ? "services.manage.archived" : "services.manage.restored") });
      } catch (e) {
        open?.({ type: "error", message: errorText(e) });
        await refresh();
      }
    };
    if (archiving) Modal.confirm({ title: t("services.manage.archive"), content: t("services.manage.archiveConfirm", { name: nameOf(row) }), onOk: act });
    else void act();
  };

  const columns: TableColumnsType<ServiceListRow> = [
    {
      key: "service",
      title: t("services.manage.columns.service"),
      render: (_, row) => (
        <Space>
          <ServiceIcon name={row.icon} />
          {row.editable ? <Link to={`/services/${row.id}/design/basics`}>{nameOf(row)}</Link> : <span>{nameOf(row)}</span>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.key}
          </Typography.Text>
        </Space>
      ),
    },
    { key: "category", title: t("services.manage.columns.category"), dataIndex: "category", responsive: ["md"] },
    {
      key: "status",
      title: t("services.manage.columns.status"),
      render: (_, row) => (
        <Space size={4} wrap>
          <Tag color={statusColor[row.status]}>{t(`services.manage.status.${row.status as "draft" | "published" | "archived"}`)}</Tag>
          {row.has_draft && row.current_version !== null && <Badge status="processing" text={t("services.manage.status.unpublishedChanges")} />}
        </Space>
      ),
    },
    {
      key: "version",
      title: t("services.manage.columns.version"),
      render: (_, row) => (row.current_version === null ? t("services.manage.notPublished") : t("services.manage.version", { version: row.current_version })),
    },
    { key: "owner", title: t("services.manage.columns.owner"), dataIndex: "owner_name", responsive: ["lg"] },
    { key: "records", title: t("services.manage.columns.records"), dataIndex: "record_count", align: "right" },
    {
      key: "updated",
      title: t("services.manage.columns.updated"),
      responsive: ["xl"],
      render: (_, row) => `${dayjs(row.updated_at).format("YYYY-MM-DD HH:mm")}${row.updated_by_name ? ` · ${row.updated_by_name}` : ""}`,
    },
    {
      key: "actions",
      title: t("services.manage.columns.actions"),
      render: (_, row) => (
        <Space size={0} wrap>
          {row.editable && (
            <Button type="link" size="small" onClick={() => navigate(`/services/${row.id}/design/basics`)}>
              {t("services.manage.design")}
            </Button>
          )}
          {row.status === "published" && (
            <Button type="link" size="small" onClick={() => navigate(`/s/${row.key}`)}>
              {t("services.manage.openRecords")}
            </Button>
          )}
          <Tooltip title={row.editable ? undefined : t("services.manage.copyOnly")}>
            <Button type="link" size="small" icon={<CopyOutlined />} onClick={() => void startCopy(row)}>
              {t("services.manage.copy")}
            </Button>
          </Tooltip>
          <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void exportJson(row)}>
            {t("services.manage.exportJson")}
          </Button>
          {row.editable && (
            <Button type="link" size="small" danger={row.status !== "archived"} onClick={() => toggleArchive(row)}>
              {t(row.status === "archived" ? "services.manage.restore" : "services.manage.archive")}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("services.services")}
        </Typography.Title>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={startBlank}>
            {t("services.manage.create")}
          </Button>
          <Button onClick={() => navigate("/templates")}>{t("services.manage.fromTemplate")}</Button>
          <Button icon={<FileExcelOutlined />} onClick={() => navigate("/services/new/from-sheet")}>
            {t("services.manage.fromSheet")}
          </Button>
          <Upload
            accept=".json,application/json"
            showUploadList={false}
            beforeUpload={(file) => {
              void importJson(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{t("services.manage.importJson")}</Button>
          </Upload>
        </Space>
      </Flex>
      <Alert type="info" showIcon message={t("services.manage.hint")} />
      {services.error && <Alert type="error" showIcon message={t("services.manage.loadFailed")} description={errorText(services.error)} />}
      <Input.Search
        allowClear
        placeholder={t("services.manage.search")}
        aria-label={t("services.manage.search")}
        style={{ maxWidth: 320 }}
        onChange={(e) => setQuery(e.target.value)}
      />
      <Table<ServiceListRow>
        rowKey="id"
        loading={services.isLoading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("services.manage.empty") }}
      />
      <NewServiceModal request={request} onClose={() => setRequest(null)} />
      <Modal open={refused !== null} title={t("services.manage.importTitle")} onCancel={() => setRefused(null)} footer={null}>
        {refused && <DefinitionFileErrors result={refused} />}
      </Modal>
    </Space>
  );
}

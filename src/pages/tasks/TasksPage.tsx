import { Alert, Flex, Input, Select, Table, Typography, theme } from "antd";
import type { TableColumnsType } from "antd";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { useT } from "@/i18n";
import type { RecordRow } from "@/data/records";
import type { PublishedService } from "@/views/hooks/publishedService";
import { useLookups } from "@/views/hooks/useLookups";
import { useMyTasks } from "@/views/hooks/useMyTasks";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import { serviceName } from "@/views/shared/serviceName";
import { isRecordOverdue } from "@/views/shared/recordTiming";
import { SystemValue } from "@/views/shared/RecordCells";
import { useErrorText } from "@/views/shared/useErrorText";
import { taskSummary } from "./taskSummary";

/** 待办: open records waiting for one of the user's roles, overdue first; a row opens the record. */
export default function TasksPage() {
  const t = useT();
  const language = useFieldLanguage();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { token } = theme.useToken();
  const { data, isLoading, isError, error, services } = useMyTasks();
  const lookups = useLookups([]);
  const byId = useMemo(() => new Map(services.map((s) => [s.id, s])), [services]);
  const now = useMemo(() => new Date(), [data]);
  // An inbox of a busy community runs to pages: narrow it by service and by words in the summary.
  const [serviceFilter, setServiceFilter] = useState<string | undefined>();
  const [query, setQuery] = useState("");

  const definitionOf = (record: RecordRow) => {
    const service = byId.get(record.service_id);
    return service?.parsed.ok ? { service, definition: service.parsed.definition } : undefined;
  };
  const system = (record: RecordRow, column: "status" | "due_at" | "org_unit_id") => {
    const known = definitionOf(record);
    return known ? <SystemValue definition={known.definition} column={column} record={record} language={language} lookups={lookups} now={now} /> : null;
  };

  const summaryOf = (record: RecordRow) => {
    const known = definitionOf(record);
    return known ? taskSummary(known.definition, record, language, lookups) : "";
  };
  const words = query.trim().toLowerCase();
  const rows = (data?.rows ?? []).filter(
    (record) => (!serviceFilter || record.service_id === serviceFilter) && (!words || summaryOf(record).toLowerCase().includes(words)),
  );

  const columns: TableColumnsType<RecordRow> = [
    {
      key: "service",
      title: t("tasks.service"),
      render: (_, record) => {
        const service = byId.get(record.service_id);
        return service ? serviceName(service, language) : "";
      },
    },
    {
      key: "summary",
      title: t("tasks.summary"),
      render: (_, record) => summaryOf(record),
    },
    { key: "status", title: t("tasks.status"), render: (_, record) => system(record, "status") },
    { key: "due", title: t("tasks.due"), render: (_, record) => system(record, "due_at") },
    { key: "unit", title: t("tasks.unit"), render: (_, record) => system(record, "org_unit_id") },
  ];

  const open = (record: RecordRow, service: PublishedService | undefined) => {
    if (service) navigate(`/s/${service.key}/show/${record.id}`);
  };

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("tasks.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("tasks.subtitle")}</Typography.Paragraph>
      <Flex gap="small" wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t("tasks.search")}
          placeholder={t("tasks.searchPlaceholder")}
          style={{ maxWidth: 320 }}
          onSearch={setQuery}
          onChange={(e) => setQuery(e.target.value)}
        />
        <Select
          allowClear
          aria-label={t("tasks.service")}
          placeholder={t("tasks.allServices")}
          style={{ minWidth: 220 }}
          value={serviceFilter}
          onChange={setServiceFilter}
          options={services.map((service) => ({ value: service.id, label: serviceName(service, language) }))}
        />
      </Flex>
      {isError && <Alert type="error" showIcon message={t("tasks.loadFailed")} description={errorText(error)} style={{ marginBottom: 16 }} />}
      <Table<RecordRow>
        rowKey="id"
        // a phone scrolls the table inside its own box, not the page sideways (issue #11)
        scroll={{ x: "max-content" }}
        loading={isLoading}
        dataSource={rows}
        columns={columns}
        locale={{ emptyText: t("tasks.empty") }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(record) => {
          const known = definitionOf(record);
          const overdue = known !== undefined && isRecordOverdue(known.definition, record, now);
          return {
            onClick: () => open(record, byId.get(record.service_id)),
            style: { cursor: "pointer", ...(overdue ? { background: token.colorErrorBg } : {}) },
          };
        }}
      />
    </>
  );
}

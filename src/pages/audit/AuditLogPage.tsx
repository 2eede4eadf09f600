// 审计日志: what happened in the administrator's scope — configuration changes, sensitive-data
// views (refused attempts too), sign-ins and other auth events, file uploads and downloads links —
// filtered by kind, person and days, paginated by the database, exportable to Excel.
// Administrators only: the menu hides it from others, and the database refuses them (403).
import { useList } from "@refinedev/core";
import { useQuery } from "@tanstack/react-query";
import { Alert, DatePicker, Flex, Select, Space, Table, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { useT } from "@/i18n";
import type { Member } from "@/lib/domain/access";
import { auditKinds, type AuditEvent, type AuditKind } from "@/lib/domain/audit";
import { listAuditEvents } from "@/data/auditEvents";
import { useErrorText } from "@/views/shared/useErrorText";
import { AuditExportButton } from "./AuditExportButton";
import { auditFilters, auditSearchParams, parseAuditSearch, type AuditSearch } from "./auditSearch";
import { useAuditLabels } from "./useAuditLabels";
import { addressBarParams } from "@/lib/addressBarParams";

const pageSize = 50;
const kindColors: Record<AuditKind, string> = { config: "blue", sensitive: "volcano", auth: "green", storage: "purple" };

export default function AuditLogPage() {
  const t = useT();
  const errorText = useErrorText();
  const { kindLabel, actionLabel, detailText } = useAuditLabels();
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parseAuditSearch(params), [params]);
  const filters = useMemo(() => auditFilters(search), [search]);
  const update = (change: Partial<AuditSearch>) =>
    setParams(auditSearchParams({ ...parseAuditSearch(addressBarParams()), page: 1, ...change }), { replace: true });

  const events = useQuery({
    queryKey: ["cgs", "audit-events", filters, search.page],
    queryFn: () => listAuditEvents(filters, (search.page - 1) * pageSize, pageSize),
    placeholderData: (previous) => previous,
  });

  // People who may appear: members within the administrator's scope (RLS decides which).
  const members = useList<Pick<Member, "user_id" | "display_name" | "phone" | "email">>({
    resource: "members",
    pagination: { mode: "off" },
    meta: { select: "user_id,display_name,phone,email", count: "planned" },
  });
  const memberRows = members.result.data;
  const people = useMemo(() => {
    const byId = new Map<string, string>();
    for (const m of memberRows) byId.set(m.user_id, m.display_name || m.phone || m.email || m.user_id);
    return [...byId].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, "zh-CN"));
  }, [memberRows]);

  const columns = [
    { title: t("audit.columns.at"), dataIndex: "at", width: 170, render: (at: string) => dayjs(at).format("YYYY-MM-DD HH:mm:ss") },
    { title: t("audit.columns.kind"), dataIndex: "kind", width: 120, render: (kind: AuditKind) => <Tag color={kindColors[kind]}>{kindLabel(kind)}</Tag> },
    { title: t("audit.columns.actor"), dataIndex: "actor_name", render: (_: unknown, e: AuditEvent) => e.actor_name ?? e.actor ?? t("audit.system") },
    { title: t("audit.columns.unit"), dataIndex: "org_unit_name", render: (name: string | null) => name ?? "—" },
    {
      title: t("audit.columns.action"),
      dataIndex: "action",
      render: (_: unknown, e: AuditEvent) => (
        <Typography.Text type={e.action === "unmask_refused" || e.action === "login_failed" ? "danger" : undefined}>{actionLabel(e)}</Typography.Text>
      ),
    },
    { title: t("audit.columns.subject"), dataIndex: "subject", ellipsis: true, render: (subject: string | null) => subject ?? "—" },
    { title: t("audit.columns.detail"), key: "detail", ellipsis: true, render: (_: unknown, e: AuditEvent) => detailText(e) || "—" },
  ];

  const range: [Dayjs, Dayjs] = [dayjs(search.fromDay), dayjs(search.toDay)];

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("audit.audit")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("audit.intro")}</Typography.Paragraph>
      <Flex gap={12} wrap align="end" style={{ marginBottom: 16 }}>
        <Space direction="vertical" size={2}>
          <label htmlFor="audit-kind">{t("audit.filters.kind")}</label>
          <Select
            id="audit-kind"
            mode="multiple"
            allowClear
            style={{ minWidth: 260 }}
            placeholder={t("audit.filters.allKinds")}
            value={search.kinds}
            options={auditKinds.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
            onChange={(kinds: AuditKind[]) => update({ kinds })}
          />
        </Space>
        <Space direction="vertical" size={2}>
          <label htmlFor="audit-user">{t("audit.filters.user")}</label>
          <Select
            id="audit-user"
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 200 }}
            placeholder={t("audit.filters.anyone")}
            loading={members.query.isLoading}
            value={search.user}
            options={people}
            onChange={(user: string | undefined) => update({ user })}
          />
        </Space>
        <Space direction="vertical" size={2}>
          <label htmlFor="audit-range">{t("audit.filters.range")}</label>
          <DatePicker.RangePicker
            id="audit-range"
            allowClear={false}
            value={range}
            onChange={(days) => {
              if (days?.[0] && days[1]) update({ fromDay: days[0].format("YYYY-MM-DD"), toDay: days[1].format("YYYY-MM-DD") });
            }}
          />
        </Space>
        <AuditExportButton filters={filters} />
      </Flex>
      {events.isError && <Alert type="error" showIcon message={errorText(events.error)} style={{ marginBottom: 16 }} />}
      <Table<AuditEvent>
        rowKey={(e) => `${e.kind}:${e.entry_id}`}
        size="small"
        loading={events.isFetching}
        columns={columns}
        dataSource={events.data?.rows ?? []}
        pagination={{
          current: search.page,
          pageSize,
          total: events.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t("audit.total", { total }),
          onChange: (page) => setParams(auditSearchParams({ ...search, page }), { replace: true }),
        }}
      />
    </>
  );
}

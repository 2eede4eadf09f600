import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { useTable } from "@refinedev/antd";
import type { CrudFilters } from "@refinedev/core";
import { Button, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useDomainLabels } from "@/components/useDomainLabels";
import { useT } from "@/i18n";
import { displayPhone, membershipStatuses, type Member, type MembershipStatus } from "@/lib/domain/access";
import { removeMembership, setMembershipStatus } from "@/data/memberAdmin";
import { AddMembershipModal } from "./AddMembershipModal";
import { MemberAccessDrawer } from "./MemberAccessDrawer";
import { useAccessAction } from "./useAccessAction";
import { useAdminScope } from "./useAdminScope";

const memberResources = ["members", "memberships", "audit_log"] as const;

function searchFilters(text: string, status: MembershipStatus | undefined): CrudFilters {
  const filters: CrudFilters = [];
  const q = text.trim();
  if (q) {
    filters.push({
      operator: "or",
      value: [
        { field: "display_name", operator: "contains", value: q },
        { field: "phone", operator: "contains", value: q.replace(/\s/g, "") },
        { field: "email", operator: "contains", value: q },
      ],
    });
  }
  if (status) filters.push({ field: "status", operator: "eq", value: status });
  return filters;
}

export function MembersTab() {
  const t = useT();
  const { roleLabel } = useDomainLabels();
  const scope = useAdminScope();
  const { run, pendingKey } = useAccessAction(memberResources);
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<MembershipStatus | undefined>();
  const [adding, setAdding] = useState(false);
  const [inspected, setInspected] = useState<Member | null>(null);

  // Several tables share this page: only the tab lives in the URL, not each table's state.
  const { tableProps, setFilters } = useTable<Member>({
    resource: "members",
    syncWithLocation: false,
    pagination: { pageSize: 20 },
    sorters: { initial: [{ field: "org_unit_path", order: "asc" }] },
    meta: { count: "exact" },
  });

  const applyFilters = (text: string, nextStatus: MembershipStatus | undefined) => setFilters(searchFilters(text, nextStatus), "replace");

  const columns = [
    {
      title: t("members.columns.name"),
      dataIndex: "display_name",
      render: (_: unknown, m: Member) => (
        <Space size={4}>
          <span>{m.display_name}</span>
          {m.user_id === scope.userId && <Tag>{t("members.you")}</Tag>}
        </Space>
      ),
    },
    { title: t("members.columns.contact"), dataIndex: "phone", render: (_: unknown, m: Member) => (m.phone ? displayPhone(m.phone) : m.email) },
    { title: t("members.columns.unit"), dataIndex: "org_unit_name" },
    { title: t("members.columns.role"), dataIndex: "role_key", render: (_: unknown, m: Member) => roleLabel(m) },
    {
      title: t("members.columns.status"),
      dataIndex: "status",
      render: (value: MembershipStatus) => <Tag color={value === "active" ? "green" : "default"}>{t(`members.statuses.${value}`)}</Tag>,
    },
    {
      title: t("members.columns.actions"),
      key: "actions",
      render: (_: unknown, m: Member) => {
        const manageable = scope.mayManageMember(m);
        const busy = pendingKey === m.id;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setInspected(m)}>
              {t("members.access")}
            </Button>
            {manageable && m.status === "active" && (
              <Popconfirm title={t("members.confirmSuspend")} onConfirm={() => run(m.id, () => setMembershipStatus(m.id, "suspended"), "members.suspended")}>
                <Button type="link" size="small" loading={busy}>
                  {t("members.suspend")}
                </Button>
              </Popconfirm>
            )}
            {manageable && m.status === "suspended" && (
              <Button type="link" size="small" loading={busy} onClick={() => run(m.id, () => setMembershipStatus(m.id, "active"), "members.reactivated")}>
                {t("members.reactivate")}
              </Button>
            )}
            {manageable && (
              <Popconfirm title={t("members.confirmRemove")} onConfirm={() => run(m.id, () => removeMembership(m.id), "members.removed")}>
                <Button type="link" size="small" danger disabled={busy}>
                  {t("members.remove")}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <Flex gap="small" wrap justify="space-between" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input
            allowClear
            value={search}
            aria-label={t("members.searchLabel")}
            placeholder={t("members.searchPlaceholder")}
            prefix={<SearchOutlined aria-hidden />}
            onChange={(e) => {
              setSearch(e.target.value);
              applyFilters(e.target.value, status);
            }}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            aria-label={t("members.statusFilter")}
            placeholder={t("members.statusFilter")}
            value={status}
            onChange={(next?: MembershipStatus) => {
              setStatus(next);
              applyFilters(search, next);
            }}
            options={membershipStatuses.map((value) => ({ value, label: t(`members.statuses.${value}`) }))}
            style={{ width: 140 }}
          />
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={scope.adminUnitIds.length === 0}>
          {t("members.add")}
        </Button>
      </Flex>
      <Table<Member> {...tableProps} rowKey="id" columns={columns} size="middle" scroll={{ x: true }} />
      <Typography.Paragraph type="secondary">{t("members.accessScopeNote")}</Typography.Paragraph>
      <AddMembershipModal open={adding} onClose={() => setAdding(false)} />
      <MemberAccessDrawer member={inspected} onClose={() => setInspected(null)} />
    </>
  );
}

import { useList } from "@refinedev/core";
import { Descriptions, Drawer, Table, Tag, Typography } from "antd";
import { useDomainLabels } from "@/components/useDomainLabels";
import { useT } from "@/i18n";
import { displayPhone, type Member, type MembershipStatus } from "@/lib/domain/access";
import { MemberServiceActions } from "./MemberServiceActions";

/**
 * Read-only "what can this person do": each membership is a role at a unit, covering that unit
 * and everything below it; per service, the actions those roles are granted.
 */
export function MemberAccessDrawer({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const t = useT();
  const { roleLabel, levelLabel } = useDomainLabels();
  const { result, query } = useList<Member>({
    resource: "members",
    pagination: { mode: "off" },
    filters: [{ field: "user_id", operator: "eq", value: member?.user_id ?? "" }],
    sorters: [{ field: "org_unit_path", order: "asc" }],
    meta: { count: "planned" },
    queryOptions: { enabled: member !== null },
  });

  const columns = [
    {
      title: t("members.columns.unit"),
      dataIndex: "org_unit_name",
      render: (_: unknown, m: Member) => (
        <span>
          {m.org_unit_name} <Typography.Text type="secondary">{levelLabel(m.org_unit_level)}</Typography.Text>
        </span>
      ),
    },
    { title: t("members.columns.role"), dataIndex: "role_key", render: (_: unknown, m: Member) => roleLabel(m) },
    {
      title: t("members.columns.status"),
      dataIndex: "status",
      render: (value: MembershipStatus) => <Tag color={value === "active" ? "green" : "default"}>{t(`members.statuses.${value}`)}</Tag>,
    },
  ];

  return (
    <Drawer open={member !== null} onClose={onClose} width={560} title={member ? t("members.accessTitle", { name: member.display_name ?? "" }) : undefined}>
      {member && (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t("members.columns.contact")}>{member.phone ? displayPhone(member.phone) : member.email}</Descriptions.Item>
          </Descriptions>
          <Table<Member>
            rowKey="id"
            size="small"
            loading={query.isLoading}
            dataSource={result.data}
            columns={columns}
            pagination={false}
            locale={{ emptyText: t("members.accessNone") }}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {t("members.accessScopeNote")}
          </Typography.Paragraph>
          <Typography.Title level={5}>{t("members.accessServicesTitle")}</Typography.Title>
          <MemberServiceActions roleKeys={[...new Set((result.data ?? []).filter((m) => m.status === "active").map((m) => m.role_key))]} />
        </>
      )}
    </Drawer>
  );
}

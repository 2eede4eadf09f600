import { LinkOutlined, MailOutlined } from "@ant-design/icons";
import { useTable } from "@refinedev/antd";
import { Button, Flex, Popconfirm, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import { useDomainLabels } from "@/components/useDomainLabels";
import { useT } from "@/i18n";
import { displayPhone, effectiveInvitationStatus, mayGrantRole, type Invitation, type InvitationStatus } from "@/lib/domain/access";
import { reissueInvitation, type IssuedInvitation } from "@/data/invitations";
import { revokeInvitation } from "@/data/memberAdmin";
import { InvitationLinkModal } from "./InvitationLinkModal";
import { InviteModal } from "./InviteModal";
import { useAccessAction } from "./useAccessAction";
import { useAdminScope } from "./useAdminScope";

const statusColors: Record<InvitationStatus, string> = { pending: "blue", claimed: "green", revoked: "default", expired: "orange" };
const invitationResources = ["invitations", "audit_log"] as const;

export function InvitationsTab() {
  const t = useT();
  const { roleLabel } = useDomainLabels();
  const scope = useAdminScope();
  const { run, pendingKey } = useAccessAction(invitationResources);
  const [inviting, setInviting] = useState(false);
  // The link secret exists in the browser only while this modal shows it.
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);
  const rolesByKey = useMemo(() => new Map(scope.roles.map((role) => [role.key, role])), [scope.roles]);

  const { tableProps } = useTable<Invitation>({
    resource: "invitations",
    syncWithLocation: false,
    pagination: { pageSize: 20 },
    sorters: { initial: [{ field: "created_at", order: "desc" }] },
    meta: { count: "exact" },
  });

  const roleName = (key: string) => {
    const role = rolesByKey.get(key);
    return roleLabel({ role_key: key, role_name: role?.name, role_name_en: role?.name_en });
  };

  const reissue = (i: Invitation) => run(i.id, async () => setIssued(await reissueInvitation(i.id)), "invitations.reissued");

  const columns = [
    {
      title: t("invitations.columns.contact"),
      dataIndex: "phone",
      render: (_: unknown, i: Invitation) =>
        i.phone ? displayPhone(i.phone) : (i.email ?? <Typography.Text type="secondary">{t("invitations.noContact")}</Typography.Text>),
    },
    { title: t("invitations.columns.unit"), dataIndex: "org_unit_id", render: (id: string) => scope.unitsById.get(id)?.name ?? id },
    {
      title: t("invitations.columns.role"),
      dataIndex: "role_key",
      render: (key: string) => roleName(key),
    },
    {
      title: t("invitations.columns.status"),
      dataIndex: "status",
      render: (_: unknown, i: Invitation) => {
        const status = effectiveInvitationStatus(i);
        return <Tag color={statusColors[status]}>{t(`invitations.statuses.${status}`)}</Tag>;
      },
    },
    { title: t("invitations.columns.expiresAt"), dataIndex: "expires_at", render: (at: string) => dayjs(at).format("YYYY-MM-DD HH:mm") },
    { title: t("invitations.columns.createdAt"), dataIndex: "created_at", render: (at: string) => dayjs(at).format("YYYY-MM-DD HH:mm") },
    {
      title: t("invitations.columns.actions"),
      key: "actions",
      render: (_: unknown, i: Invitation) =>
        effectiveInvitationStatus(i) === "pending" &&
        mayGrantRole(i.role_key, scope.systemAdministrator) && (
          <Space size={0}>
            <Popconfirm title={t("invitations.confirmReissue")} onConfirm={() => reissue(i)}>
              <Button type="link" size="small" icon={<LinkOutlined />} loading={pendingKey === i.id}>
                {t("invitations.reissue")}
              </Button>
            </Popconfirm>
            <Popconfirm title={t("invitations.confirmRevoke")} onConfirm={() => run(i.id, () => revokeInvitation(i.id), "invitations.revoked")}>
              <Button type="link" size="small" danger loading={pendingKey === i.id}>
                {t("invitations.revoke")}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<MailOutlined />} onClick={() => setInviting(true)} disabled={scope.adminUnitIds.length === 0}>
          {t("invitations.invite")}
        </Button>
      </Flex>
      <Table<Invitation> {...tableProps} rowKey="id" columns={columns} size="middle" scroll={{ x: true }} />
      <InviteModal
        open={inviting}
        onClose={() => setInviting(false)}
        onCreated={(created) => {
          setInviting(false);
          setIssued(created);
        }}
      />
      <InvitationLinkModal
        issued={issued}
        unitName={issued ? (scope.unitsById.get(issued.org_unit_id)?.name ?? "") : ""}
        roleName={issued ? roleName(issued.role_key) : ""}
        onClose={() => setIssued(null)}
      />
    </>
  );
}

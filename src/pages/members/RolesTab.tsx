import { PlusOutlined } from "@ant-design/icons";
import { useDelete } from "@refinedev/core";
import { Alert, Button, Flex, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useDomainLabels } from "@/components/useDomainLabels";
import { useT } from "@/i18n";
import type { Role } from "@/lib/domain/access";
import { RoleFormModal } from "./RoleFormModal";
import { useAdminScope } from "./useAdminScope";

/** Presets (read-only) and the custom roles of the administrator's units and their ancestors. */
export function RolesTab() {
  const t = useT();
  const { roleLabel } = useDomainLabels();
  const scope = useAdminScope();
  const { mutate: deleteRole, mutation } = useDelete<Role>();
  // undefined: closed; null: creating; a role: editing it.
  const [editing, setEditing] = useState<Role | null | undefined>(undefined);

  const remove = (role: Role) =>
    deleteRole({
      resource: "roles",
      id: role.key,
      meta: { idColumnName: "key" },
      mutationMode: "pessimistic",
      successNotification: () => ({ type: "success", message: t("roleAdmin.deleted") }),
    });

  const columns = [
    {
      title: t("roleAdmin.columns.name"),
      dataIndex: "name",
      render: (_: unknown, r: Role) => roleLabel({ role_key: r.key, role_name: r.name, role_name_en: r.name_en }),
    },
    { title: t("roleAdmin.columns.nameEn"), dataIndex: "name_en" },
    { title: t("roleAdmin.columns.key"), dataIndex: "key", render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
    {
      title: t("roleAdmin.columns.kind"),
      dataIndex: "is_preset",
      render: (preset: boolean) => (preset ? <Tag>{t("roleAdmin.preset")}</Tag> : <Tag color="purple">{t("roleAdmin.custom")}</Tag>),
    },
    {
      title: t("roleAdmin.columns.owner"),
      dataIndex: "owner_org_unit_id",
      render: (id: string | null) => (id ? (scope.unitsById.get(id)?.name ?? id) : "—"),
    },
    {
      title: t("roleAdmin.columns.actions"),
      key: "actions",
      render: (_: unknown, r: Role) =>
        scope.mayEditRole(r) && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing(r)}>
              {t("roleAdmin.edit")}
            </Button>
            <Popconfirm title={t("roleAdmin.confirmDelete")} onConfirm={() => remove(r)}>
              <Button type="link" size="small" danger loading={mutation.isPending && mutation.variables?.id === r.key}>
                {t("roleAdmin.delete")}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <>
      <Flex gap="small" justify="space-between" align="flex-start" style={{ marginBottom: 16 }}>
        <Alert type="info" showIcon message={t("roleAdmin.presetHint")} style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} disabled={scope.adminUnitIds.length === 0}>
          {t("roleAdmin.create")}
        </Button>
      </Flex>
      <Table<Role> rowKey="key" dataSource={scope.roles} columns={columns} loading={scope.isLoading} pagination={false} size="middle" scroll={{ x: true }} />
      {editing !== undefined && <RoleFormModal role={editing ?? undefined} onClose={() => setEditing(undefined)} />}
    </>
  );
}

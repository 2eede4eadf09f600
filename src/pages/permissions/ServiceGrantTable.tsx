// One service's roles × actions grid. A switch is a grant; flipping it calls the database,
// which audits it and applies it to the very next request of every affected user.
import { Checkbox, Table, Tooltip } from "antd";
import { useState } from "react";
import { useDomainLabels } from "@/components/useDomainLabels";
import { useT } from "@/i18n";
import type { Role } from "@/lib/domain/access";
import { permissionActions, type PermissionAction } from "@/contract";
import type { MatrixService } from "./useGrantMatrix";

type Props = {
  service: MatrixService;
  roles: Role[];
  editable: boolean;
  has: (serviceId: string, roleKey: string, action: string) => boolean;
  onToggle: (roleKey: string, action: PermissionAction, granted: boolean) => Promise<void>;
};

export function ServiceGrantTable({ service, roles, editable, has, onToggle }: Props) {
  const t = useT();
  const { roleLabel } = useDomainLabels();
  // The switch flips at once; the database's answer (refetched) then replaces it.
  const [pending, setPending] = useState<{ key: string; granted: boolean } | null>(null);

  const toggle = async (roleKey: string, action: PermissionAction, granted: boolean) => {
    setPending({ key: `${roleKey}|${action}`, granted });
    try {
      await onToggle(roleKey, action, granted);
    } finally {
      setPending(null);
    }
  };

  const columns = [
    {
      title: t("permissions.role"),
      key: "role",
      fixed: "left" as const,
      render: (_: unknown, role: Role) => roleLabel({ role_key: role.key, role_name: role.name, role_name_en: role.name_en }),
    },
    ...permissionActions.map((action) => ({
      title: <Tooltip title={t(`permissions.actionHelp.${action}`)}>{t(`permissions.actions.${action}`)}</Tooltip>,
      key: action,
      align: "center" as const,
      render: (_: unknown, role: Role) => {
        const label = `${service.name} · ${roleLabel({ role_key: role.key, role_name: role.name, role_name_en: role.name_en })} · ${t(`permissions.actions.${action}`)}`;
        return (
          <Checkbox
            aria-label={label}
            checked={pending?.key === `${role.key}|${action}` ? pending.granted : has(service.id, role.key, action)}
            disabled={!editable || pending !== null}
            onChange={(e) => void toggle(role.key, action, e.target.checked)}
          />
        );
      },
    })),
  ];

  return <Table<Role> rowKey="key" size="small" pagination={false} dataSource={roles} columns={columns} scroll={{ x: true }} />;
}

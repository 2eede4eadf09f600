// Roles × actions as checkboxes. The matrix knows nothing of saving: the concern decides whether
// a tick edits the draft or joins the pending change set. Cells that differ from `baseline` (the
// live grants) are marked as not yet saved.
import { Checkbox, Table, Tooltip } from "antd";
import { useT } from "@/i18n";
import { permissionActions, type PermissionAction } from "@/contract";
import { holds, type Permissions } from "./grantEdits";

export type MatrixRole = { key: string; label: string };

type Props = {
  roles: readonly MatrixRole[];
  permissions: Permissions;
  /** the grants in force; a cell differing from it is pending (published services only) */
  baseline?: Permissions;
  disabled?: boolean;
  onToggle: (role: string, action: PermissionAction, granted: boolean) => void;
};

const pendingStyle = { background: "#fffbe6", boxShadow: "inset 0 0 0 1px #faad14", borderRadius: 4, padding: "2px 6px" } as const;

export function GrantMatrix({ roles, permissions, baseline, disabled, onToggle }: Props) {
  const t = useT();
  const columns = [
    { title: t("designerPermissions.role"), key: "role", fixed: "left" as const, render: (_: unknown, role: MatrixRole) => role.label },
    ...permissionActions.map((action) => ({
      title: <Tooltip title={t(`permissions.actionHelp.${action}`)}>{t(`permissions.actions.${action}`)}</Tooltip>,
      key: action,
      align: "center" as const,
      render: (_: unknown, role: MatrixRole) => {
        const checked = holds(permissions, role.key, action);
        const pending = baseline !== undefined && holds(baseline, role.key, action) !== checked;
        const box = (
          <Checkbox
            aria-label={t("designerPermissions.cell", { role: role.label, action: t(`permissions.actions.${action}`) })}
            checked={checked}
            disabled={disabled}
            onChange={(e) => onToggle(role.key, action, e.target.checked)}
          />
        );
        return pending ? (
          <span style={pendingStyle} title={t("designerPermissions.pending")}>
            {box}
          </span>
        ) : (
          box
        );
      },
    })),
  ];
  return <Table<MatrixRole> rowKey="key" size="small" pagination={false} dataSource={[...roles]} columns={columns} scroll={{ x: true }} />;
}

// What a pending change set means, in words, before it is saved: "领导 将失去 查看、导出", and
// for each role losing read how many people's menus lose the service. Saving happens only from
// here, so nobody removes a service from thirty menus with one stray click.
import { Alert, Modal, Space, Typography } from "antd";
import { useT } from "@/i18n";
import type { PermissionAction } from "@/contract";
import type { RoleChangeSummary } from "./grantEdits";

type Props = {
  open: boolean;
  summary: readonly RoleChangeSummary[];
  roleLabel: (role: string) => string;
  /** role → people holding it in the owning unit's subtree; undefined while unknown */
  people: ReadonlyMap<string, number> | undefined;
  saving: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
};

export function GrantSummaryModal({ open, summary, roleLabel, people, saving, error, onConfirm, onCancel }: Props) {
  const t = useT();
  const actions = (list: readonly PermissionAction[]) => list.map((action) => t(`permissions.actions.${action}`)).join(t("designerPermissions.separator"));
  const menuLosses = summary.filter((s) => s.leavesMenu);
  const menuGains = summary.filter((s) => s.joinsMenu);
  const lossText = (role: string) => {
    const count = people?.get(role);
    if (people === undefined) return t("designerPermissions.menuLossUncounted", { role: roleLabel(role) });
    if (!count) return t("designerPermissions.menuLossNobody", { role: roleLabel(role) });
    return t("designerPermissions.menuLoss", { role: roleLabel(role), count });
  };

  return (
    <Modal
      open={open}
      title={t("designerPermissions.summaryTitle")}
      okText={t("designerPermissions.confirm")}
      cancelText={t("designerPermissions.cancel")}
      confirmLoading={saving}
      onOk={onConfirm}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <ul aria-label={t("designerPermissions.summaryTitle")} style={{ paddingInlineStart: 20, margin: 0 }}>
          {summary.flatMap((s) => [
            ...(s.lost.length > 0
              ? [<li key={`${s.role}-lost`}>{t("designerPermissions.loses", { role: roleLabel(s.role), actions: actions(s.lost) })}</li>]
              : []),
            ...(s.gained.length > 0
              ? [<li key={`${s.role}-gained`}>{t("designerPermissions.gains", { role: roleLabel(s.role), actions: actions(s.gained) })}</li>]
              : []),
          ])}
        </ul>
        {menuLosses.map((s) => (
          <Alert key={s.role} type="warning" showIcon message={lossText(s.role)} />
        ))}
        {menuGains.map((s) => (
          <Typography.Text key={s.role} type="secondary">
            {t("designerPermissions.menuGain", { role: roleLabel(s.role) })}
          </Typography.Text>
        ))}
        {error && <Alert type="error" showIcon message={t("designerPermissions.saveFailed")} description={error} />}
      </Space>
    </Modal>
  );
}

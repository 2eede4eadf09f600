import { Alert, Button, Space, Tag } from "antd";
import { useT } from "@/i18n";
import type { RecordListScopeState } from "./useRecordListScope";
import { hasRecordListScope } from "./recordListScope";

/** What the URL's scope narrows the list to (set by a cockpit figure), with a way out. */
export function RecordListScopeBanner({ state }: { state: RecordListScopeState }) {
  const t = useT();
  const { scope, unit } = state;
  if (!hasRecordListScope(scope)) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      message={
        <Space wrap size={4} aria-label={t("cockpit.listScope.title")}>
          {t("cockpit.listScope.title")}:{scope.unit && <Tag>{t("cockpit.listScope.unit", { unit: unit?.name ?? scope.unit })}</Tag>}
          {scope.overdue && <Tag color="red">{t("cockpit.listScope.overdue")}</Tag>}
          {scope.state && <Tag>{t(scope.state === "open" ? "cockpit.listScope.open" : "cockpit.listScope.done")}</Tag>}
          {scope.from && <Tag>{t("cockpit.listScope.from", { from: scope.from })}</Tag>}
          {scope.to && <Tag>{t("cockpit.listScope.to", { to: scope.to })}</Tag>}
        </Space>
      }
      action={
        <Button size="small" onClick={state.clear}>
          {t("cockpit.listScope.clear")}
        </Button>
      }
    />
  );
}

import { Alert, Typography } from "antd";
import { useT } from "@/i18n";

// The accounts the local stack seeds (supabase/seed.sql). Shown only when the SPA is served by
// the local gateway; a hosted build never lists them.
const demoAccounts = ["admin@demo.local", "staff@demo.local", "grid@demo.local", "leader@demo.local"];
const demoPassword = "Demo@2026";

export function DemoAccountsHint() {
  const t = useT();
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginTop: 16 }}
      message={t("login.demoTitle")}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t("login.demoAccounts", { accounts: demoAccounts.join(", ") })}</Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t("login.demoPassword", { password: demoPassword })}</Typography.Paragraph>
        </>
      }
    />
  );
}

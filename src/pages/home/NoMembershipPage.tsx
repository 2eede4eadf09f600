import { LogoutOutlined } from "@ant-design/icons";
import { useLogout } from "@refinedev/core";
import { Button, Result } from "antd";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { useT } from "@/i18n";

/**
 * What a signed-in account without an active membership sees instead of the app: the database
 * shows it no configuration and lets it store no file (DESIGN §6), so the only way on is an
 * invitation link from a community administrator.
 */
export function NoMembershipPage() {
  const t = useT();
  const { mutate: logout, isPending } = useLogout();
  return (
    <main style={{ minHeight: "100vh", display: "flex", alignItems: "center", justifyContent: "center", padding: 16 }}>
      <Result
        status="info"
        title={t("home.noMembershipTitle")}
        subTitle={t("home.noMembershipHint")}
        extra={[
          <Button key="logout" type="primary" icon={<LogoutOutlined />} loading={isPending} onClick={() => logout()}>
            {t("buttons.logout")}
          </Button>,
          <LanguageSwitch key="language" size="small" />,
        ]}
      />
    </main>
  );
}

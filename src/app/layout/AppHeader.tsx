import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { useGetIdentity, useLogout, useWarnAboutChange } from "@refinedev/core";
import { Button, Dropdown, Layout, Space, Tag, Tooltip, Typography, theme } from "antd";
import { useNavigate } from "react-router";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { useDomainLabels } from "@/components/useDomainLabels";
import { useT } from "@/i18n";
import type { Identity } from "@/data/myContext";

const visibleMemberships = 2;

// Above what scrolls beneath the sticky header: antd's fixed table columns (z-index 2, their
// sticky head 3) drew over 退出登录 at 1. Below the fixed sider (999) and popups (1000+).
const headerLayer = 10;

export function AppHeader() {
  const t = useT();
  const { token } = theme.useToken();
  const { data: identity } = useGetIdentity<Identity>();
  const { mutate: logout, isPending: loggingOut } = useLogout();
  const { warnWhen, setWarnWhen } = useWarnAboutChange();
  const { roleLabel } = useDomainLabels();
  const navigate = useNavigate();

  const onLogout = () => {
    if (warnWhen) {
      if (!window.confirm(t("warnWhenUnsavedChanges"))) return;
      setWarnWhen(false);
    }
    logout();
  };

  const memberships = identity?.memberships ?? [];
  const describe = (m: (typeof memberships)[number]) => `${m.org_unit_full_name || m.org_unit_name} · ${roleLabel(m)}`;
  const hidden = memberships.slice(visibleMemberships);

  return (
    <Layout.Header
      style={{
        backgroundColor: token.colorBgElevated,
        display: "flex",
        justifyContent: "flex-end",
        alignItems: "center",
        gap: token.marginMD,
        padding: `0 ${token.paddingLG}px`,
        height: 64,
        position: "sticky",
        top: 0,
        zIndex: headerLayer,
      }}
    >
      {identity?.demo && (
        <Tooltip title={t("app.demoDataHint")}>
          <Tag color="orange">{t("app.demoData")}</Tag>
        </Tooltip>
      )}
      {identity && (
        <Space size="small" wrap={false} style={{ minWidth: 0 }}>
          <Dropdown
            trigger={["click"]}
            menu={{ items: [{ key: "password", icon: <KeyOutlined />, label: t("account.changePassword"), onClick: () => navigate("/account/password") }] }}
          >
            <Button type="text" icon={<UserOutlined aria-hidden />} aria-label={`${t("account.menu")}: ${identity.name}`}>
              <Typography.Text strong>{identity.name}</Typography.Text>
              <DownOutlined aria-hidden style={{ fontSize: 10 }} />
            </Button>
          </Dropdown>
          <span aria-label={t("header.units")}>
            {memberships.slice(0, visibleMemberships).map((m) => (
              <Tag key={`${m.org_unit_id}:${m.role_key}`} color="blue">
                {describe(m)}
              </Tag>
            ))}
            {hidden.length > 0 && (
              <Tooltip title={hidden.map(describe).join("；")}>
                <Tag>{t("header.moreUnits", { count: hidden.length })}</Tag>
              </Tooltip>
            )}
          </span>
        </Space>
      )}
      <LanguageSwitch size="small" />
      <Button icon={<LogoutOutlined />} loading={loggingOut} onClick={onLogout}>
        {t("buttons.logout")}
      </Button>
    </Layout.Header>
  );
}

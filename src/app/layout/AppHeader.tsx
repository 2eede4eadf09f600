import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from "@ant-design/icons";
import { useThemedLayoutContext } from "@refinedev/antd";
import { useGetIdentity, useLogout, useWarnAboutChange } from "@refinedev/core";
import { Button, Dropdown, Grid, Layout, Space, Tag, Tooltip, Typography, theme, type MenuProps } from "antd";
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
  // Below antd's md (768 px: phones) the name and the units move into the account menu and the
  // buttons keep their icons only, so the header fits one line at 390 px (issue #11).
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  // Below lg the sider is a drawer; Refine's own opener is an unnamed icon under the header, so
  // the header gets a named one where a thumb looks for it.
  const drawerSider = screens.lg === false;
  const { setMobileSiderOpen } = useThemedLayoutContext();

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
  const passwordItem = { key: "password", icon: <KeyOutlined />, label: t("account.changePassword"), onClick: () => navigate("/account/password") };
  const accountItems: MenuProps["items"] = narrow
    ? [
        {
          key: "who",
          type: "group",
          label: identity?.name,
          children: memberships.map((m) => ({ key: `unit:${m.org_unit_id}:${m.role_key}`, label: describe(m), disabled: true })),
        },
        { type: "divider" },
        passwordItem,
      ]
    : [passwordItem];

  return (
    <Layout.Header
      style={{
        backgroundColor: token.colorBgElevated,
        display: "flex",
        justifyContent: "flex-end",
        alignItems: "center",
        gap: narrow ? token.marginXS : token.marginMD,
        padding: `0 ${narrow ? token.paddingSM : token.paddingLG}px`,
        height: 64,
        position: "sticky",
        top: 0,
        zIndex: headerLayer,
      }}
    >
      {drawerSider && (
        <Button
          type="text"
          icon={<MenuOutlined aria-hidden />}
          onClick={() => setMobileSiderOpen(true)}
          aria-label={t("header.openMenu")}
          style={{ marginInlineEnd: "auto", paddingInline: narrow ? 4 : undefined }}
        >
          {!narrow && t("header.openMenu")}
        </Button>
      )}
      {identity?.demo && (
        <Tooltip title={t("app.demoDataHint")}>
          <Tag color="orange" style={narrow ? { marginInlineEnd: 0 } : undefined}>
            {t("app.demoData")}
          </Tag>
        </Tooltip>
      )}
      {identity && (
        <Space size="small" wrap={false} style={{ minWidth: 0 }}>
          <Dropdown trigger={["click"]} menu={{ items: accountItems }}>
            <Button type="text" icon={<UserOutlined aria-hidden />} aria-label={`${t("account.menu")}: ${identity.name}`}>
              {!narrow && <Typography.Text strong>{identity.name}</Typography.Text>}
              <DownOutlined aria-hidden style={{ fontSize: 10 }} />
            </Button>
          </Dropdown>
          <span aria-label={t("header.units")} hidden={narrow}>
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
      <Button
        icon={<LogoutOutlined />}
        loading={loggingOut}
        onClick={onLogout}
        aria-label={narrow ? t("buttons.logout") : undefined}
        title={narrow ? t("buttons.logout") : undefined}
      >
        {!narrow && t("buttons.logout")}
      </Button>
    </Layout.Header>
  );
}

// 用户与角色: members of the administrator's units, invitations, and roles. The open tab is in
// the URL (?tab=…) so it survives a reload and can be linked to.
import { Tabs, Typography } from "antd";
import { useSearchParams } from "react-router";
import { useT } from "@/i18n";
import { InvitationsTab } from "./InvitationsTab";
import { MembersTab } from "./MembersTab";
import { RolesTab } from "./RolesTab";

const tabKeys = ["members", "invitations", "roles"] as const;
type TabKey = (typeof tabKeys)[number];

function isTabKey(value: string | null): value is TabKey {
  return value !== null && (tabKeys as readonly string[]).includes(value);
}

export default function MembersPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const requested = params.get("tab");
  const active: TabKey = isTabKey(requested) ? requested : "members";

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("members.members")}
      </Typography.Title>
      <Tabs
        activeKey={active}
        destroyOnHidden
        onChange={(key) => setParams(key === "members" ? {} : { tab: key }, { replace: true })}
        items={[
          { key: "members", label: t("members.tabs.members"), children: <MembersTab /> },
          { key: "invitations", label: t("members.tabs.invitations"), children: <InvitationsTab /> },
          { key: "roles", label: t("members.tabs.roles"), children: <RolesTab /> },
        ]}
      />
    </>
  );
}

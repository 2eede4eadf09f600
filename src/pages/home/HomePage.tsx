import { useGetIdentity } from "@refinedev/core";
import { Alert, Col, Row, Skeleton, Space, Typography } from "antd";
import { useT } from "@/i18n";
import type { Identity } from "@/data/myContext";
import { HomeCockpit } from "./HomeCockpit";
import { MembershipCard } from "./MembershipCard";

export default function HomePage() {
  const t = useT();
  const { data: identity, isLoading } = useGetIdentity<Identity>();

  if (isLoading) return <Skeleton active />;

  const memberships = identity?.memberships ?? [];

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <div>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t("home.greeting", { name: identity?.name ?? "" })}
        </Typography.Title>
        <Typography.Text type="secondary">{t("home.subtitle")}</Typography.Text>
      </div>

      <section aria-labelledby="home-my-units">
        <Typography.Title level={4} id="home-my-units">
          {t("home.myUnits")}
        </Typography.Title>
        {memberships.length === 0 ? (
          <Alert type="warning" showIcon message={t("home.noMemberships")} />
        ) : (
          <Row gutter={[16, 16]}>
            {memberships.map((membership) => (
              <Col key={`${membership.org_unit_id}:${membership.role_key}`} xs={24} sm={12} lg={8} xl={6}>
                <MembershipCard membership={membership} />
              </Col>
            ))}
          </Row>
        )}
      </section>

      {memberships.length > 0 && <HomeCockpit />}
    </Space>
  );
}

import { ApartmentOutlined } from "@ant-design/icons";
import { Card, Space, Tag, Typography } from "antd";
import { useDomainLabels } from "@/components/useDomainLabels";
import { useT } from "@/i18n";
import type { MyMembership } from "@/data/myContext";

export function MembershipCard({ membership }: { membership: MyMembership }) {
  const t = useT();
  const { roleLabel, levelLabel } = useDomainLabels();
  return (
    <Card
      size="small"
      title={
        <Space>
          <ApartmentOutlined aria-hidden />
          <span>{membership.org_unit_name}</span>
        </Space>
      }
      extra={<Tag>{levelLabel(membership.org_unit_level)}</Tag>}
    >
      <Space direction="vertical" size={4}>
        <Tag color="blue">{roleLabel(membership)}</Tag>
        {membership.org_unit_code && (
          <Space size={4}>
            <Typography.Text type="secondary">{t("home.unitCode")}</Typography.Text>
            <Typography.Text copyable>{membership.org_unit_code}</Typography.Text>
          </Space>
        )}
      </Space>
    </Card>
  );
}

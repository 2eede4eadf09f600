import { Breadcrumb, Card, Descriptions, Empty, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useDomainLabels } from "@/components/useDomainLabels";
import { useT } from "@/i18n";
import type { OrgUnit } from "@/lib/domain/orgUnits";
import { ancestorsOf, type OrgUnitIndex } from "./orgUnitIndex";

/** `actions`: the administrator's edits of this unit (OrgUnitActions), below the details. */
type Props = { index: OrgUnitIndex; unit: OrgUnit | undefined; onSelect: (id: string) => void; actions?: ReactNode };

export function OrgUnitDetail({ index, unit, onSelect, actions }: Props) {
  const t = useT();
  const { levelLabel } = useDomainLabels();

  if (!unit) {
    return (
      <Card title={t("org_units.detailTitle")}>
        <Empty description={t("org_units.noSelection")} />
      </Card>
    );
  }

  const ancestors = ancestorsOf(index, unit);
  const childCount = index.childrenOf.get(unit.id)?.length ?? 0;

  return (
    <Card title={t("org_units.detailTitle")}>
      <Descriptions column={1} bordered size="small" styles={{ label: { whiteSpace: "nowrap" } }}>
        <Descriptions.Item label={t("org_units.fields.name")}>
          <Typography.Text strong>{unit.name}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("org_units.fields.level")}>
          <Tag color="blue">{levelLabel(unit.level)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("org_units.fields.code")}>
          <Typography.Text copyable>{unit.code}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("org_units.fields.parentPath")}>
          {ancestors.length === 0 ? (
            <Typography.Text type="secondary">{t("org_units.topLevel")}</Typography.Text>
          ) : (
            <Breadcrumb
              items={ancestors.map((ancestor) => ({
                key: ancestor.id,
                title: <Typography.Link onClick={() => onSelect(ancestor.id)}>{ancestor.name}</Typography.Link>,
              }))}
            />
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("org_units.fields.children")}>{childCount}</Descriptions.Item>
      </Descriptions>
      {actions}
    </Card>
  );
}

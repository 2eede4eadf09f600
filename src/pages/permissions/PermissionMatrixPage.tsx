// 权限矩阵: roles × services × actions, as data. Administrators of a service's owning unit
// edit it; everyone else with access to this page reads it.
import { useNotification } from "@refinedev/core";
import { Alert, Card, Empty, Flex, Skeleton, Space, Tag, Typography } from "antd";
import { useT } from "@/i18n";
import { setServiceGrant } from "@/data/grantAdmin";
import type { PermissionAction } from "@/contract";
import { usePublishedServices } from "@/views/hooks/usePublishedServices";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import { serviceCategory, serviceName } from "@/views/shared/serviceName";
import { useErrorText } from "@/views/shared/useErrorText";
import { ServiceGrantTable } from "./ServiceGrantTable";
import { useGrantMatrix } from "./useGrantMatrix";

export default function PermissionMatrixPage() {
  const t = useT();
  const matrix = useGrantMatrix();
  const { open } = useNotification();
  const errorText = useErrorText();
  const language = useFieldLanguage();
  // services.name / category are Chinese; the English is in each published definition
  const { data: published = [] } = usePublishedServices();
  const definitionOf = (id: string) => published.find((s) => s.id === id);

  if (matrix.isLoading) return <Skeleton active />;

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("permissions.permissions")}
      </Typography.Title>
      <Alert type="info" showIcon message={t("permissions.hint")} />
      {matrix.services.length === 0 && <Empty description={t("permissions.noServices")} />}
      {matrix.services.map((service) => {
        const editable = matrix.mayEdit(service);
        const definition = definitionOf(service.id);
        const shown = definition ? { ...service, name: serviceName(definition, language), category: serviceCategory(definition, language) } : service;
        const onToggle = async (roleKey: string, action: PermissionAction, granted: boolean) => {
          try {
            await setServiceGrant({ service_id: service.id, role_key: roleKey, action }, granted);
            open?.({ type: "success", message: t(granted ? "permissions.granted" : "permissions.revoked") });
          } catch (e) {
            open?.({ type: "error", message: t("permissions.saveFailed"), description: errorText(e) });
          } finally {
            await matrix.refetch();
          }
        };
        return (
          <Card
            key={service.id}
            title={
              <Flex gap="small" align="center" wrap>
                <span>{shown.name}</span>
                <Tag>{shown.category}</Tag>
              </Flex>
            }
            extra={
              <Typography.Text type="secondary">
                {t("permissions.owner", { unit: matrix.ownerName(service) })} · {editable ? t("permissions.editable") : t("permissions.readOnly")}
              </Typography.Text>
            }
          >
            <ServiceGrantTable service={shown} roles={matrix.roles} editable={editable} has={matrix.has} onToggle={onToggle} />
          </Card>
        );
      })}
    </Space>
  );
}

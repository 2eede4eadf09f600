// 模板中心: the built-in services, each correct for its real procedure, to preview and install
// into my unit as a draft I then adapt and publish.
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Row, Skeleton, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useT } from "@/i18n";
import type { ServiceDefinition } from "@/services/schema";
import { ServiceIcon } from "@/views/menu/serviceIcons";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import { NewServiceModal, type NewServiceRequest } from "../services/NewServiceModal";
import { useServiceList } from "../services/useServiceList";
import { loadServiceTemplates, type ServiceTemplate } from "./serviceTemplates";
import { TemplatePreview } from "./TemplatePreview";

export default function TemplateGalleryPage() {
  const t = useT();
  const language = useFieldLanguage();
  const templates = useQuery({ queryKey: ["cgs", "service-templates"], queryFn: loadServiceTemplates, staleTime: Infinity });
  const services = useServiceList();
  const [previewing, setPreviewing] = useState<ServiceDefinition | null>(null);
  const [request, setRequest] = useState<NewServiceRequest | null>(null);
  const pick = (zh: string, en?: string) => (language === "en" && en ? en : zh);
  const inUse = (key: string) => (services.data ?? []).some((service) => service.key === key);

  const install = (template: ServiceTemplate) =>
    setRequest({
      title: t("templates.installTitle", { name: pick(template.definition.name, template.definition.name_en) }),
      initialName: template.definition.name,
      preferredKey: template.definition.key,
      note: <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("templates.installHint")} />,
      build: (key, name) => ({ ...structuredClone(template.raw), key, name }),
    });

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("templates.templates")}
      </Typography.Title>
      <Alert type="info" showIcon message={t("templates.hint")} />
      {templates.isLoading && <Skeleton active />}
      <Row gutter={[16, 16]}>
        {(templates.data ?? []).map((template) => {
          const { definition } = template;
          const name = pick(definition.name, definition.name_en);
          return (
            <Col key={definition.key} xs={24} md={12} xl={8}>
              <Card
                title={
                  <Space>
                    <ServiceIcon name={definition.icon} />
                    {name}
                  </Space>
                }
                extra={<Tag>{pick(definition.category, definition.category_en)}</Tag>}
                actions={[
                  <Button key="preview" type="link" onClick={() => setPreviewing(definition)} aria-label={t("templates.previewNamed", { name })}>
                    {t("templates.preview")}
                  </Button>,
                  <Button key="install" type="link" onClick={() => install(template)} aria-label={t("templates.installNamed", { name })}>
                    {t("templates.install")}
                  </Button>,
                ]}
              >
                <Typography.Paragraph ellipsis={{ rows: 3 }}>{pick(definition.description, definition.description_en)}</Typography.Paragraph>
                <Space size={4} wrap>
                  <Tag>{t("templates.fieldCount", { count: definition.fields.length })}</Tag>
                  <Tag>{t("templates.stateCount", { count: definition.workflow.states.length })}</Tag>
                  {inUse(definition.key) && <Tag color="success">{t("templates.inUse")}</Tag>}
                </Space>
              </Card>
            </Col>
          );
        })}
      </Row>
      <TemplatePreview definition={previewing} onClose={() => setPreviewing(null)} />
      <NewServiceModal request={request} onClose={() => setRequest(null)} />
    </Space>
  );
}

// 基本信息: what the service is called (zh/en), where it sits in the menu, its icon, what it is
// for and why it collects personal data (PIPL Art. 6). The preview is the menu entry and the page
// header staff will see.
import { Card, Col, Form, Input, Menu, Row, Select, Space, Tag, Typography } from "antd";
import { useT } from "@/i18n";
import { ServiceIcon, serviceIconNames } from "@/views/menu/serviceIcons";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import type { ConcernProps, DraftDefinition } from "../designerDoc";
import { errorsAt } from "../errorsAt";

type TextKey = "name" | "name_en" | "category" | "category_en" | "description" | "description_en" | "purpose" | "purpose_en";

export default function BasicsConcern({ doc, change, errors, service }: ConcernProps) {
  const t = useT();
  const language = useFieldLanguage();
  const definition = doc.definition;

  const set = (key: TextKey | "icon", value: string, label: string) =>
    change((current) => {
      const next: DraftDefinition = { ...current.definition };
      if (value === "" && key.endsWith("_en")) delete next[key as "name_en"];
      else next[key] = value;
      return { ...current, definition: next };
    }, label);

  const text = (key: TextKey, label: string, options: { multiline?: boolean; required?: boolean; help?: string } = {}) => {
    const problems = errorsAt(errors, key);
    const id = `basics-${key}`;
    const Control = options.multiline ? Input.TextArea : Input;
    return (
      <Form.Item
        label={label}
        htmlFor={id}
        required={options.required}
        validateStatus={problems.length > 0 ? "error" : undefined}
        help={problems.length > 0 ? problems.map((p) => (language === "en" ? p.message_en : p.message_zh)).join("；") : options.help}
      >
        <Control
          id={id}
          value={(definition[key] as string | undefined) ?? ""}
          onChange={(e) => set(key, e.target.value, t("designer.change.edit", { what: label }))}
        />
      </Form.Item>
    );
  };

  const shownName = (language === "en" && definition.name_en) || definition.name || t("designer.basics.untitled");
  const shownCategory = (language === "en" && definition.category_en) || definition.category;
  const shownDescription = (language === "en" && definition.description_en) || definition.description;

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={14}>
        <Form layout="vertical">
          <Form.Item label={t("designer.basics.key")}>
            <Typography.Text code>{service?.key ?? definition.key}</Typography.Text>{" "}
            <Typography.Text type="secondary">{t("designer.basics.keyHint")}</Typography.Text>
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              {text("name", t("designer.basics.name"), { required: true })}
            </Col>
            <Col xs={24} md={12}>
              {text("name_en", t("designer.basics.nameEn"))}
            </Col>
            <Col xs={24} md={12}>
              {text("category", t("designer.basics.category"), { required: true, help: t("designer.basics.categoryHint") })}
            </Col>
            <Col xs={24} md={12}>
              {text("category_en", t("designer.basics.categoryEn"))}
            </Col>
          </Row>
          <Form.Item label={t("designer.basics.icon")} htmlFor="basics-icon">
            <Select
              id="basics-icon"
              value={definition.icon}
              onChange={(icon: string) => set("icon", icon, t("designer.change.edit", { what: t("designer.basics.icon") }))}
              options={serviceIconNames.map((name) => ({
                value: name,
                label: (
                  <Space>
                    <ServiceIcon name={name} />
                    {name.replace(/Outlined$/, "")}
                  </Space>
                ),
              }))}
              style={{ maxWidth: 280 }}
            />
          </Form.Item>
          {text("description", t("designer.basics.description"), { multiline: true, required: true, help: t("designer.basics.descriptionHint") })}
          {text("description_en", t("designer.basics.descriptionEn"), { multiline: true })}
          {text("purpose", t("designer.basics.purpose"), { multiline: true, required: true, help: t("designer.basics.purposeHint") })}
          {text("purpose_en", t("designer.basics.purposeEn"), { multiline: true })}
        </Form>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t("designer.preview")}>
          <Typography.Text type="secondary">{t("designer.basics.previewMenu")}</Typography.Text>
          <Menu
            mode="inline"
            selectable={false}
            style={{ borderInlineEnd: "none", marginBottom: 16 }}
            items={[
              {
                key: "group",
                type: "group",
                label: shownCategory,
                children: [{ key: "service", icon: <ServiceIcon name={definition.icon} />, label: shownName }],
              },
            ]}
          />
          <Typography.Text type="secondary">{t("designer.basics.previewPage")}</Typography.Text>
          <Card size="small" style={{ marginTop: 8 }}>
            <Space align="center">
              <Typography.Title level={4} style={{ margin: 0 }}>
                {shownName}
              </Typography.Title>
              {shownCategory && <Tag>{shownCategory}</Tag>}
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {shownDescription}
            </Typography.Paragraph>
          </Card>
        </Card>
      </Col>
    </Row>
  );
}

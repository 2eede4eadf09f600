// A template as an officer judges it before installing: what it collects (and which items are
// sensitive), the steps with their legal time limits, who acts at each step, and which originals
// are checked offline.
import { Descriptions, Drawer, Space, Table, Tag, Timeline, Typography } from "antd";
import { fieldLabel, fieldTypes, isFieldTypeKey } from "@/field-types";
import { useT } from "@/i18n";
import type { ServiceDefinition } from "@/services/schema";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import { useAdminScope } from "../members/useAdminScope";
import { durationText } from "./durationText";

export function TemplatePreview({ definition, onClose }: { definition: ServiceDefinition | null; onClose(): void }) {
  const t = useT();
  const language = useFieldLanguage();
  const scope = useAdminScope();
  const pick = (zh: string, en?: string) => (language === "en" && en ? en : zh);
  const roleName = (key: string) => {
    const role = scope.roles.find((r) => r.key === key);
    return role ? pick(role.name, role.name_en ?? undefined) : key;
  };
  if (!definition) return <Drawer open={false} onClose={onClose} />;
  const fieldName = (key: string) => {
    const field = definition.fields.find((f) => f.key === key);
    return field ? fieldLabel(field, language) : key;
  };
  const stateName = (key: string) => {
    const state = definition.workflow.states.find((s) => s.key === key);
    return state ? pick(state.label, state.label_en) : key;
  };
  return (
    <Drawer open width={Math.min(760, window.innerWidth)} title={pick(definition.name, definition.name_en)} onClose={onClose}>
      <Space direction="vertical" size="large" style={{ width: "100%" }}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t("templates.category")}>{pick(definition.category, definition.category_en)}</Descriptions.Item>
          <Descriptions.Item label={t("templates.description")}>{pick(definition.description, definition.description_en)}</Descriptions.Item>
          <Descriptions.Item label={t("templates.purpose")}>{pick(definition.purpose, definition.purpose_en)}</Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>{t("templates.fields", { count: definition.fields.length })}</Typography.Title>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={definition.fields}
          columns={[
            { key: "label", title: t("templates.fieldLabel"), render: (_, field) => fieldLabel(field, language) },
            {
              key: "type",
              title: t("templates.fieldType"),
              render: (_, field) => (isFieldTypeKey(field.type) ? pick(fieldTypes[field.type].label.zh, fieldTypes[field.type].label.en) : field.type),
            },
            {
              key: "flags",
              title: "",
              render: (_, field) => (
                <Space size={4} wrap>
                  {field.required && <Tag color="red">{t("templates.required")}</Tag>}
                  {field.sensitive && <Tag color="orange">{t("templates.sensitive")}</Tag>}
                  {field.derive && <Tag>{t("templates.derived")}</Tag>}
                  {Array.isArray(field.stage) && <Tag color="blue">{t("templates.staged")}</Tag>}
                </Space>
              ),
            },
          ]}
        />
        <Typography.Title level={5}>{t("templates.workflow")}</Typography.Title>
        <Timeline
          items={definition.workflow.states.map((state) => {
            const outgoing = definition.workflow.transitions.filter((transition) => transition.from.includes(state.key));
            const limit = durationText(state, language, fieldName);
            return {
              color: state.terminal ? "green" : "blue",
              children: (
                <Space direction="vertical" size={2}>
                  <Space wrap>
                    <Typography.Text strong>{pick(state.label, state.label_en)}</Typography.Text>
                    {limit && <Tag>{t("templates.timeLimit", { limit })}</Tag>}
                    {state.terminal && <Tag color="green">{t("templates.terminal")}</Tag>}
                  </Space>
                  {outgoing.map((transition) => (
                    <Typography.Text key={transition.key} type="secondary">
                      {t("templates.transition", {
                        label: pick(transition.label, transition.label_en),
                        to: stateName(transition.to),
                        roles: transition.roles.map(roleName).join("、"),
                      })}
                      {transition.checklist.length > 0 &&
                        ` · ${t("templates.checklist", { items: transition.checklist.map((item) => pick(item.label, item.label_en)).join("、") })}`}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            };
          })}
        />
        <Typography.Title level={5}>{t("templates.permissions")}</Typography.Title>
        <Descriptions column={1} size="small" bordered>
          {Object.entries(definition.permissions).map(([role, actions]) => (
            <Descriptions.Item key={role} label={roleName(role)}>
              {actions.map((action) => t(`templates.actions.${action}`)).join("、")}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Space>
    </Drawer>
  );
}

// One dashboard widget: its titles, chart kind, figure and grouping, with up/down/delete buttons
// (the click and keyboard way to reorder) and its preview beside the controls.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Tooltip } from "antd";
import { useEffect, useState } from "react";
import type { DefinitionError } from "@/services/schema";
import { widgetKinds, widgetMetrics } from "@/services/viewSchemas";
import { useT } from "@/i18n";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import type { DraftDefinition } from "../designerDoc";
import { WidgetPreview } from "./WidgetPreview";
import { groupableFields, withKind, type DraftWidget } from "./widgetEdits";

type Props = {
  widget: DraftWidget;
  index: number;
  count: number;
  definition: DraftDefinition;
  serviceId: string | null;
  errors: readonly DefinitionError[];
  onChange: (widget: DraftWidget) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
};

/** Changes the draft once per edit (on leaving the box or Enter), not once per keystroke. */
function CommittedText({ value, label, onCommit }: { value: string | undefined; label: string; onCommit: (text: string) => void }) {
  const [text, setText] = useState(value ?? "");
  useEffect(() => setText(value ?? ""), [value]);
  const commit = () => {
    if (text.trim() !== (value ?? "")) onCommit(text.trim());
  };
  return <Input aria-label={label} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onPressEnter={commit} />;
}

export function WidgetEditor({ widget, index, count, definition, serviceId, errors, onChange, onMove, onRemove }: Props) {
  const t = useT();
  const language = useFieldLanguage();
  const title = (language === "en" && widget.title_en) || widget.title || t("designerDashboard.newTitle");
  const fields = groupableFields(definition, language);
  const grouped = widget.kind !== "metric";
  const groupOptions = [
    {
      label: t("designerDashboard.builtIn"),
      options: (["status", "org_unit", "created_month"] as const).map((g) => ({ value: g, label: t(`designerDashboard.groupings.${g}`) })),
    },
    ...(fields.length > 0 ? [{ label: t("designerDashboard.fields"), options: fields.map((f) => ({ value: f.key, label: f.label })) }] : []),
  ];
  // a grouping naming a field that is gone or no longer groupable is still shown, by its key
  const knownGroup = groupOptions.some((group) => group.options.some((o) => o.value === widget.groupBy));
  const options =
    widget.groupBy !== undefined && !knownGroup ? [...groupOptions, { label: "", options: [{ value: widget.groupBy, label: widget.groupBy }] }] : groupOptions;

  return (
    <section aria-label={title}>
      <Card
        size="small"
        title={title}
        extra={
          <Space size={4}>
            <Tooltip title={t("designerDashboard.moveUp", { title })}>
              <Button
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={t("designerDashboard.moveUp", { title })}
                disabled={index === 0}
                onClick={() => onMove(-1)}
              />
            </Tooltip>
            <Tooltip title={t("designerDashboard.moveDown", { title })}>
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={t("designerDashboard.moveDown", { title })}
                disabled={index === count - 1}
                onClick={() => onMove(1)}
              />
            </Tooltip>
            <Tooltip title={t("designerDashboard.remove", { title })}>
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("designerDashboard.remove", { title })} onClick={onRemove} />
            </Tooltip>
          </Space>
        }
      >
        <Row gutter={[16, 8]}>
          <Col xs={24} lg={11}>
            <Form layout="vertical" component="div">
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item label={t("designerDashboard.title")} style={{ marginBottom: 8 }}>
                    <CommittedText value={widget.title} label={t("designerDashboard.title")} onCommit={(text) => onChange({ ...widget, title: text })} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item label={t("designerDashboard.titleEn")} style={{ marginBottom: 8 }}>
                    <CommittedText
                      value={widget.title_en}
                      label={t("designerDashboard.titleEn")}
                      onCommit={(text) => {
                        const { title_en: _old, ...rest } = widget;
                        onChange(text === "" ? rest : { ...rest, title_en: text });
                      }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item label={t("designerDashboard.kind")} style={{ marginBottom: 8 }}>
                    <Select
                      aria-label={t("designerDashboard.kind")}
                      value={widget.kind}
                      onChange={(kind) => onChange(withKind(widget, kind))}
                      options={widgetKinds.map((kind) => ({ value: kind, label: t(`designerDashboard.kinds.${kind}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item label={t("designerDashboard.metric")} style={{ marginBottom: 8 }}>
                    <Select
                      aria-label={t("designerDashboard.metric")}
                      value={widget.metric}
                      onChange={(metric) => onChange({ ...widget, metric })}
                      options={widgetMetrics.map((metric) => ({ value: metric, label: t(`designerDashboard.metrics.${metric}`) }))}
                    />
                  </Form.Item>
                </Col>
                {grouped && (
                  <Col xs={24} sm={8}>
                    <Form.Item label={t("designerDashboard.groupBy")} style={{ marginBottom: 8 }}>
                      <Select
                        aria-label={t("designerDashboard.groupBy")}
                        value={widget.groupBy}
                        placeholder={t("designerDashboard.noGrouping")}
                        // only a table may show one overall figure; charts need groups
                        allowClear={widget.kind === "table"}
                        onChange={(groupBy: string | undefined) => {
                          const { groupBy: _old, ...rest } = widget;
                          onChange(groupBy === undefined ? rest : { ...rest, groupBy });
                        }}
                        options={options}
                      />
                    </Form.Item>
                  </Col>
                )}
              </Row>
            </Form>
            {errors.length > 0 && (
              <Alert
                type="error"
                showIcon
                message={
                  <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                    {errors.map((e, i) => (
                      <li key={i}>{language === "en" ? e.message_en : e.message_zh}</li>
                    ))}
                  </ul>
                }
              />
            )}
          </Col>
          <Col xs={24} lg={13}>
            <WidgetPreview serviceId={serviceId} widget={widget} definition={definition} title={title} />
          </Col>
        </Row>
      </Card>
    </section>
  );
}

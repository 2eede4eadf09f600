// 看板: the service's dashboard widgets — what is counted (records, overdue, average time to
// finish), grouped how (status, unit, month, or a choice field of the form) and drawn as what.
// Each widget previews on the service's real records once it is published (counted by the
// database within what this administrator may read); a draft shows the shape with sample figures.
import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Empty, Space } from "antd";
import { useT } from "@/i18n";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import type { ConcernProps } from "../designerDoc";
import { WidgetEditor } from "./WidgetEditor";
import { moveWidget, newWidget, widgetsOf, withWidgets, type DraftWidget } from "./widgetEdits";

export default function DashboardConcern({ doc, change, errors, service }: ConcernProps) {
  const t = useT();
  const language = useFieldLanguage();
  const widgets = widgetsOf(doc.definition);
  const published = service !== null && service.current_version !== null;
  const titleOf = (widget: DraftWidget) => (language === "en" && widget.title_en) || widget.title;
  const edit = (recipe: (widgets: DraftWidget[]) => DraftWidget[], label: string) =>
    change((d) => ({ ...d, definition: withWidgets(d.definition, recipe(widgetsOf(d.definition))) }), label);
  const errorsOf = (index: number) => errors.filter((e) => e.path === `dashboard.widgets[${index}]` || e.path.startsWith(`dashboard.widgets[${index}].`));

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Alert type="info" showIcon message={t(published ? "designerDashboard.liveHint" : "designerDashboard.draftHint")} />
      {widgets.length === 0 && <Empty description={t("designerDashboard.empty")} />}
      {widgets.map((widget, index) => (
        <WidgetEditor
          // keyed by the widget key (a reorder keeps each preview), by position only for duplicates
          key={widgets.findIndex((w) => w.key === widget.key) === index ? widget.key : `${widget.key}-${index}`}
          widget={widget}
          index={index}
          count={widgets.length}
          definition={doc.definition}
          serviceId={published ? service.id : null}
          errors={errorsOf(index)}
          onChange={(next) => edit((all) => all.map((w, i) => (i === index ? next : w)), t("designerDashboard.editChange", { title: titleOf(widget) }))}
          onMove={(delta) => edit((all) => moveWidget(all, index, delta), t("designerDashboard.moveChange", { title: titleOf(widget) }))}
          onRemove={() => edit((all) => all.filter((_, i) => i !== index), t("designerDashboard.removeChange", { title: titleOf(widget) }))}
        />
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => edit((all) => [...all, newWidget(all, t("designerDashboard.newTitle"))], t("designerDashboard.addChange"))}
      >
        {t("designerDashboard.add")}
      </Button>
    </Space>
  );
}

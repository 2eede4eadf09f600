// One widget as the dashboard will show it, on this service's real records (counted within what
// the administrator may read, by the database). Before the first publish, or for a grouping
// field the published version does not have yet, a greyed sample shows the shape instead.
import { useQuery } from "@tanstack/react-query";
import { Alert, Empty, Segmented, Skeleton, Space, Statistic, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { fetchWidgetData, type WidgetFigure } from "@/data/serviceWidgets";
import { useT } from "@/i18n";
import { toHttpError } from "@/lib/supabase/errors";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import { useErrorText } from "@/views/shared/useErrorText";
import type { DraftDefinition } from "../designerDoc";
import { BarList, type BarItem } from "./BarList";
import { bucketLabel, sampleBuckets, type DraftWidget } from "./widgetEdits";

type Props = { serviceId: string | null; widget: DraftWidget; definition: DraftDefinition; title: string };

export function WidgetPreview({ serviceId, widget, definition, title }: Props) {
  const t = useT();
  const errorText = useErrorText();
  const language = useFieldLanguage();
  const data = useQuery({
    queryKey: ["cgs", "designer", "widget-data", serviceId, widget.metric, widget.groupBy ?? null],
    queryFn: () => fetchWidgetData(serviceId!, widget),
    enabled: serviceId !== null,
    staleTime: 60_000,
    retry: false,
  });
  const words = {
    overall: t("designerDashboard.overall"),
    unanswered: t("designerDashboard.unanswered"),
    yes: t("designerDashboard.yes"),
    no: t("designerDashboard.no"),
    sample: (n: number) => t("designerDashboard.sampleBucket", { n }),
  };
  const figureText = (value: number) => (widget.metric === "avg_duration" ? t("designerDashboard.hours", { value: value.toFixed(1) }) : String(value));

  const notYet = (message: string) => <Sample widget={widget} definition={definition} title={title} message={message} words={words} />;
  if (serviceId === null) return notYet(t("designerDashboard.noData"));
  if (data.isLoading) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (data.isError) {
    // a grouping field added in this draft exists in the database's eyes only once published
    if (toHttpError(data.error).message === "group_by_unknown") return notYet(t("designerDashboard.fieldNotPublished"));
    return <Alert type="error" showIcon message={t("designerDashboard.loadFailed")} description={errorText(data.error)} />;
  }
  const figures: WidgetFigure[] = data.data ?? [];
  const items: BarItem[] = figures.map((f) => ({
    label: bucketLabel(f.bucket, widget.groupBy, definition, language, words),
    value: f.value,
    text: figureText(f.value),
  }));
  if (widget.kind === "metric") {
    // no readable records: nothing counted is 0, an average of nothing is no figure
    const total = figures.reduce((sum, f) => sum + f.value, 0);
    return <Statistic title={title} value={figures.length === 0 && widget.metric === "avg_duration" ? "—" : figureText(total)} />;
  }
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("designerDashboard.noRecords")} />;
  return <Figures kind={widget.kind} items={items} title={title} />;
}

function Figures({ kind, items, title, muted }: { kind: DraftWidget["kind"]; items: BarItem[]; title: string; muted?: boolean }) {
  const t = useT();
  const [view, setView] = useState<"chart" | "table">(kind === "table" ? "table" : "chart");
  const table = (
    <Table<BarItem>
      size="small"
      pagination={false}
      rowKey={(item) => item.label}
      dataSource={items}
      aria-label={title}
      columns={[
        { title: t("designerDashboard.bucket"), dataIndex: "label", key: "label" },
        { title: t("designerDashboard.value"), dataIndex: "text", key: "value", align: "right" },
      ]}
    />
  );
  if (kind === "table") return table;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Segmented
        size="small"
        aria-label={t("designerDashboard.views", { title })}
        value={view}
        onChange={(value) => setView(value === "table" ? "table" : "chart")}
        options={[
          { value: "chart", label: t("designerDashboard.chartView") },
          { value: "table", label: t("designerDashboard.tableView") },
        ]}
      />
      {view === "chart" ? <BarList items={items} label={title} muted={muted} /> : table}
    </Space>
  );
}

type SampleProps = {
  widget: DraftWidget;
  definition: DraftDefinition;
  title: string;
  message: string;
  words: Parameters<typeof sampleBuckets>[3];
};

/** The widget's shape with made-up figures, marked as a sample. */
function Sample({ widget, definition, title, message, words }: SampleProps) {
  const t = useT();
  const language = useFieldLanguage();
  const items = sampleBuckets(widget.groupBy, definition, language, words).map((label, index) => {
    const value = Math.max(1, 12 - index * 3);
    return { label, value, text: String(value) };
  });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Text type="secondary">
        <Tag>{t("designerDashboard.sample")}</Tag>
        {message}
      </Typography.Text>
      {widget.kind === "metric" ? (
        <Statistic title={title} value="—" valueStyle={{ color: "#bfbfbf" }} />
      ) : (
        <Figures kind={widget.kind} items={items} title={title} muted />
      )}
    </Space>
  );
}

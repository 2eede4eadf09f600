import { Card, Segmented, Skeleton, Table, Typography } from "antd";
import { lazy, Suspense, useState, type ReactNode } from "react";
import { useT } from "@/i18n";
import type { ChartSeries } from "./EChartView";

// the charting library arrives with the first chart, not with the page
const EChartView = lazy(() => import("./EChartView"));

export type ChartPanelProps = {
  title: string;
  /** Column header of the categories in the table view. */
  categoryLabel: string;
  categories: string[];
  series: ChartSeries[];
  description: string;
  extra?: ReactNode;
};

/** A chart with a 图形 / 表格 switch: the table holds the same figures, and the summary sentence is visible text too. */
export function ChartPanel({ title, categoryLabel, categories, series, description, extra }: ChartPanelProps) {
  const t = useT();
  const [view, setView] = useState<"chart" | "table">("chart");
  const rows = categories.map((category, i) => ({ key: category, category, ...Object.fromEntries(series.map((s, j) => [`s${j}`, s.values[i]])) }));
  return (
    <Card
      title={title}
      extra={
        <>
          {extra}
          <Segmented<"chart" | "table">
            aria-label={t("cockpit.viewOf", { title })}
            value={view}
            onChange={setView}
            options={[
              { value: "chart", label: t("cockpit.chartView") },
              { value: "table", label: t("cockpit.tableView") },
            ]}
          />
        </>
      }
    >
      <Typography.Paragraph type="secondary">{description}</Typography.Paragraph>
      {view === "chart" ? (
        <Suspense fallback={<Skeleton active />}>
          <EChartView categories={categories} series={series} description={description} />
        </Suspense>
      ) : (
        <Table
          size="small"
          pagination={false}
          scroll={{ x: "max-content" }}
          dataSource={rows}
          columns={[
            { title: categoryLabel, dataIndex: "category", key: "category" },
            ...series.map((s, j) => ({ title: s.name, dataIndex: `s${j}`, key: `s${j}`, align: "right" as const })),
          ]}
        />
      )}
    </Card>
  );
}

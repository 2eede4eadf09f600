// One ECharts chart, with only what the cockpit draws registered (line, bar, grid, tooltip,
// legend, aria, canvas): this module is the one that imports echarts, and it is loaded by a
// dynamic import (ChartPanel), so the charting code arrives only where a chart is shown.
import { BarChart, LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use, type ComposeOption } from "echarts/core";
import type { BarSeriesOption, LineSeriesOption } from "echarts/charts";
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export type ChartSeries = { name: string; kind: "line" | "bar"; values: number[] };

export type EChartViewProps = {
  categories: string[];
  series: ChartSeries[];
  /** The one-sentence text alternative, also given to ECharts' aria description. */
  description: string;
  height?: number;
};

export default function EChartView({ categories, series, description, height = 280 }: EChartViewProps) {
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current, undefined, { renderer: "canvas" });
    const option: Option = {
      // decals tell the series apart without colour (WCAG 1.4.1); the description is read aloud
      aria: { enabled: true, decal: { show: true }, label: { description } },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: categories },
      yAxis: { type: "value", minInterval: 1 },
      series: series.map((s) =>
        s.kind === "bar" ? { type: "bar", name: s.name, data: s.values } : { type: "line", name: s.name, data: s.values, smooth: false },
      ),
    };
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [categories, series, description]);

  return <div ref={element} role="img" aria-label={description} style={{ width: "100%", height }} />;
}

// 领导驾驶舱: the figures of the leader's unit and everything below it — KPI cards with their
// 口径 and n, the child units ranked by overdue (click to drill down; the breadcrumb goes back
// up), the figures per service (each count opens the matching record list), and trends by week
// or month as charts with a table view. The scope is in the URL; the database counts as the user.
import { Alert, Breadcrumb, Button, Card, Col, DatePicker, Empty, Flex, Row, Segmented, Select, Skeleton, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useMemo } from "react";
import { emptyFigures } from "./cockpitKpis";
import type { CockpitFigures } from "@/data/cockpit";
import { useT } from "@/i18n";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import { serviceName } from "@/views/shared/serviceName";
import { useErrorText } from "@/views/shared/useErrorText";
import { usePublishedServices } from "@/views/hooks/usePublishedServices";
import type { RecordListScope } from "@/views/list/recordListScope";
import { ChartPanel } from "./ChartPanel";
import { KpiCards } from "./KpiCards";
import { ServiceFiguresTable, type ServiceFigures } from "./ServiceFiguresTable";
import { UnitRankingTable, type UnitFigures } from "./UnitRankingTable";
import { useCockpitScope } from "./useCockpitScope";
import { useCockpitSummary, useCockpitTrend } from "./useCockpitData";

const figuresOf = (row: CockpitFigures | undefined): CockpitFigures => (row ? { ...row } : emptyFigures);

export default function CockpitPage() {
  const t = useT();
  const language = useFieldLanguage();
  const errorText = useErrorText();
  const scope = useCockpitScope();
  const services = usePublishedServices();
  const summary = useCockpitSummary(scope.unit?.id, scope.from, scope.to);
  const trend = useCockpitTrend(scope.unit?.id, scope.period, scope.from, scope.to, scope.serviceId);

  const serviceById = useMemo(() => new Map((services.data ?? []).map((s) => [s.id, s])), [services.data]);
  const chosen = scope.serviceId ? serviceById.get(scope.serviceId) : undefined;
  const rows = summary.data ?? [];
  const listScope: RecordListScope = { unit: scope.unit?.id, overdue: false, from: scope.from ?? undefined, to: scope.to ?? undefined };
  const showSatisfaction = rows.some((r) => r.rated > 0);

  const overall = figuresOf(rows.find((r) => r.unitId === null && r.serviceId === (scope.serviceId ?? null)));
  const unitRows: UnitFigures[] = useMemo(() => {
    if (!scope.unit) return [];
    const own = scope.unit;
    const pick = (unitId: string) => rows.find((r) => r.unitId === unitId && r.serviceId === (scope.serviceId ?? null));
    const children = scope.children.map((u) => ({ ...figuresOf(pick(u.id)), unitId: u.id, name: u.name }));
    // records filed at the unit itself (not below it) get their own row, 本级
    const self = pick(own.id);
    return self && scope.children.length > 0
      ? [...children, { ...figuresOf(self), unitId: own.id, name: t("cockpit.self", { unit: own.name }), self: true }]
      : children;
  }, [rows, scope.unit, scope.children, scope.serviceId, t]);
  const serviceRows: ServiceFigures[] = rows
    .filter((r) => r.unitId === null && r.serviceId !== null && (!scope.serviceId || r.serviceId === scope.serviceId))
    .map((r) => {
      const service = serviceById.get(r.serviceId!);
      return { ...r, name: service ? serviceName(service, language) : "—", key: service?.key };
    })
    .sort((a, b) => b.overdue - a.overdue || b.received - a.received);

  if (scope.isLoading) return <Skeleton active />;
  if (!scope.unit) return <Empty description={t("cockpit.noUnit")} />;

  const unitName = scope.unit.name;
  const trendRows = trend.data ?? [];
  const periodLabel = t(scope.period === "week" ? "cockpit.week" : "cockpit.month");
  const latest = trendRows.at(-1);
  const ranked = [...unitRows].sort((a, b) => b.overdue - a.overdue || b.received - a.received);

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <div>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t("cockpit.title")}
        </Typography.Title>
        <nav aria-label={t("cockpit.breadcrumb")}>
          <Breadcrumb
            items={scope.trail.map((unit, i) => ({
              key: unit.id,
              title:
                i === scope.trail.length - 1 ? (
                  <span aria-current="page">{unit.name}</span>
                ) : (
                  <Button type="link" size="small" style={{ padding: 0, height: "auto" }} onClick={() => scope.set({ unit: unit.id })}>
                    {unit.name}
                  </Button>
                ),
            }))}
          />
        </nav>
      </div>

      <Flex wrap gap={12} align="center">
        <DatePicker.RangePicker
          aria-label={t("cockpit.period")}
          placeholder={[t("cockpit.from"), t("cockpit.to")]}
          allowEmpty={[true, true]}
          value={[scope.from ? dayjs(scope.from) : null, scope.to ? dayjs(scope.to) : null]}
          onChange={(range) => scope.set({ from: range?.[0]?.format("YYYY-MM-DD") ?? null, to: range?.[1]?.format("YYYY-MM-DD") ?? null })}
        />
        <Select
          aria-label={t("cockpit.service")}
          style={{ minWidth: 200 }}
          value={scope.serviceId ?? ""}
          onChange={(value: string) => scope.set({ service: value || null })}
          options={[{ value: "", label: t("cockpit.allServices") }, ...(services.data ?? []).map((s) => ({ value: s.id, label: serviceName(s, language) }))]}
        />
        <Typography.Text type="secondary">{t("cockpit.cohort")}</Typography.Text>
      </Flex>

      {summary.isError && <Alert type="error" showIcon message={errorText(summary.error)} />}
      {summary.isLoading ? (
        <Skeleton active />
      ) : (
        <section aria-label={t("cockpit.kpiSection", { unit: unitName })}>
          <KpiCards figures={overall} listScope={listScope} serviceKey={chosen?.key} showSatisfaction={showSatisfaction} />
        </section>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t("cockpit.ranking", { unit: unitName })}>
            <UnitRankingTable rows={unitRows} onDrill={(unit) => scope.set({ unit })} serviceKey={chosen?.key} listScope={listScope} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <ChartPanel
            title={t("cockpit.rankingChart")}
            categoryLabel={t("cockpit.unit")}
            categories={ranked.map((r) => r.name)}
            series={[
              { name: t("cockpit.kpis.overdue"), kind: "bar", values: ranked.map((r) => r.overdue) },
              { name: t("cockpit.kpis.in_progress"), kind: "bar", values: ranked.map((r) => r.in_progress) },
            ]}
            description={
              ranked.length > 0 && ranked[0].overdue > 0
                ? t("cockpit.rankingSummary", { unit: unitName, count: ranked.length, top: ranked[0].name, overdue: ranked[0].overdue })
                : t("cockpit.rankingSummaryNone", { unit: unitName, count: ranked.length })
            }
          />
        </Col>
      </Row>

      <Card title={t("cockpit.byService", { unit: unitName })}>
        <ServiceFiguresTable rows={serviceRows} listScope={listScope} showSatisfaction={showSatisfaction} />
      </Card>

      {trend.isError && <Alert type="error" showIcon message={errorText(trend.error)} />}
      <ChartPanel
        title={t("cockpit.trend")}
        categoryLabel={t("cockpit.periodStart")}
        categories={trendRows.map((r) => (scope.period === "week" ? r.periodStart : r.periodStart.slice(0, 7)))}
        series={[
          { name: t("cockpit.kpis.received"), kind: "line", values: trendRows.map((r) => r.received) },
          { name: t("cockpit.kpis.completed"), kind: "line", values: trendRows.map((r) => r.completed) },
          { name: t("cockpit.kpis.overdue"), kind: "line", values: trendRows.map((r) => r.overdue) },
        ]}
        description={
          latest
            ? t("cockpit.trendSummary", {
                unit: unitName,
                period: periodLabel,
                count: trendRows.length,
                start: latest.periodStart,
                received: latest.received,
                overdue: latest.overdue,
              })
            : t("cockpit.noRecords")
        }
        extra={
          <Segmented<"week" | "month">
            aria-label={t("cockpit.trendPeriod")}
            value={scope.period}
            onChange={(period) => scope.set({ period })}
            options={[
              { value: "week", label: t("cockpit.week") },
              { value: "month", label: t("cockpit.month") },
            ]}
            style={{ marginRight: 8 }}
          />
        }
      />
    </Space>
  );
}

import { Button, Table } from "antd";
import type { CockpitFigures } from "@/data/cockpit";
import { useT } from "@/i18n";
import type { RecordListScope } from "@/views/list/recordListScope";
import { formatKpi, kpiByKey } from "./cockpitKpis";
import { FigureLink } from "./FigureLink";

/** `self`: the records filed at the unit in view itself (本级), not under a child. */
export type UnitFigures = CockpitFigures & { unitId: string; name: string; self?: boolean };

/**
 * The child units ranked by overdue (then by received): a real table whose unit names are
 * buttons that drill down (keyboard too). With one service chosen, counts open its records.
 */
export function UnitRankingTable({
  rows,
  onDrill,
  serviceKey,
  listScope,
}: {
  rows: UnitFigures[];
  onDrill: (unitId: string) => void;
  serviceKey: string | undefined;
  listScope: RecordListScope;
}) {
  const t = useT();
  const ranked = [...rows].sort((a, b) => b.overdue - a.overdue || b.received - a.received || a.name.localeCompare(b.name, "zh-CN"));
  const count = (kpi: "received" | "in_progress" | "overdue") => ({
    title: t(`cockpit.kpis.${kpi}`),
    key: kpi,
    align: "right" as const,
    render: (_: unknown, row: UnitFigures) => (
      <FigureLink
        value={row[kpi]}
        // the list's unit filter means a whole subtree, so 本级 alone has no list to open
        serviceKey={row.self ? undefined : serviceKey}
        scope={{ ...listScope, unit: row.unitId, ...kpiByKey[kpi].list }}
        label={`${row.name} ${t(`cockpit.kpis.${kpi}`)}`}
      />
    ),
  });
  return (
    <Table<UnitFigures>
      size="small"
      rowKey="unitId"
      pagination={false}
      scroll={{ x: "max-content" }}
      dataSource={ranked}
      locale={{ emptyText: t("cockpit.noChildren") }}
      columns={[
        { title: t("cockpit.rank"), key: "rank", width: 56, render: (_: unknown, __: UnitFigures, index: number) => index + 1 },
        {
          title: t("cockpit.unit"),
          key: "name",
          // the 本级 row is the unit in view itself: nothing to drill into
          render: (_: unknown, row: UnitFigures) =>
            row.self ? (
              row.name
            ) : (
              <Button type="link" style={{ padding: 0 }} onClick={() => onDrill(row.unitId)} aria-label={t("cockpit.drillDown", { unit: row.name })}>
                {row.name}
              </Button>
            ),
        },
        count("overdue"),
        count("received"),
        count("in_progress"),
        {
          title: t("cockpit.kpis.overdue_rate"),
          key: "overdue_rate",
          align: "right" as const,
          render: (_: unknown, row: UnitFigures) => formatKpi(kpiByKey.overdue_rate, kpiByKey.overdue_rate.value(row)),
        },
        {
          title: t("cockpit.kpis.completion_rate"),
          key: "completion_rate",
          align: "right" as const,
          render: (_: unknown, row: UnitFigures) => formatKpi(kpiByKey.completion_rate, kpiByKey.completion_rate.value(row)),
        },
        {
          title: t("cockpit.kpis.avg_hours"),
          key: "avg_hours",
          align: "right" as const,
          render: (_: unknown, row: UnitFigures) => formatKpi(kpiByKey.avg_hours, row.avg_hours),
        },
      ]}
    />
  );
}

import { Table } from "antd";
import type { CockpitSummaryRow } from "@/data/cockpit";
import { useT } from "@/i18n";
import type { RecordListScope } from "@/views/list/recordListScope";
import { formatKpi, kpiByKey } from "./cockpitKpis";
import { FigureLink } from "./FigureLink";

export type ServiceFigures = CockpitSummaryRow & { name: string; key: string | undefined };

/** Figures per service for the unit in view; every count opens the matching record list. */
export function ServiceFiguresTable({ rows, listScope, showSatisfaction }: { rows: ServiceFigures[]; listScope: RecordListScope; showSatisfaction: boolean }) {
  const t = useT();
  const count = (kpi: "received" | "in_progress" | "completed" | "overdue") => ({
    title: t(`cockpit.kpis.${kpi}`),
    key: kpi,
    align: "right" as const,
    sorter: (a: ServiceFigures, b: ServiceFigures) => a[kpi] - b[kpi],
    render: (_: unknown, row: ServiceFigures) => (
      <FigureLink value={row[kpi]} serviceKey={row.key} scope={{ ...listScope, ...kpiByKey[kpi].list }} label={`${row.name} ${t(`cockpit.kpis.${kpi}`)}`} />
    ),
  });
  const derived = (kpi: "completion_rate" | "overdue_rate" | "avg_hours" | "p90_hours" | "satisfaction") => ({
    title: t(`cockpit.kpis.${kpi}`),
    key: kpi,
    align: "right" as const,
    render: (_: unknown, row: ServiceFigures) => `${formatKpi(kpiByKey[kpi], kpiByKey[kpi].value(row))}`,
  });
  return (
    <Table<ServiceFigures>
      size="small"
      rowKey={(row) => row.serviceId ?? ""}
      pagination={false}
      scroll={{ x: "max-content" }}
      dataSource={rows}
      locale={{ emptyText: t("cockpit.noRecords") }}
      columns={[
        { title: t("cockpit.service"), key: "name", dataIndex: "name", fixed: "left" },
        count("received"),
        count("in_progress"),
        count("completed"),
        count("overdue"),
        derived("completion_rate"),
        derived("overdue_rate"),
        derived("avg_hours"),
        derived("p90_hours"),
        ...(showSatisfaction ? [derived("satisfaction")] : []),
      ]}
    />
  );
}

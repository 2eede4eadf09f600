import { QuestionCircleOutlined } from "@ant-design/icons";
import { Card, Col, Row, Statistic, Tooltip, Typography } from "antd";
import { Link } from "react-router";
import type { CockpitFigures } from "@/data/cockpit";
import { useT } from "@/i18n";
import { recordListScopeSearch, type RecordListScope } from "@/views/list/recordListScope";
import { cockpitKpis, formatKpi, type Kpi } from "./cockpitKpis";

export type KpiCardsProps = {
  figures: CockpitFigures;
  /** The list scope of the cockpit (unit subtree and 受理 dates); with `serviceKey`, count figures open their records. */
  listScope: RecordListScope;
  serviceKey?: string;
  /** Some service in view collects satisfaction. */
  showSatisfaction: boolean;
  compact?: boolean;
};

/** The KPI cards: value, its n, and the 口径 (numerator, denominator, period) beside it. */
export function KpiCards({ figures, listScope, serviceKey, showSatisfaction, compact = false }: KpiCardsProps) {
  const kpis = cockpitKpis.filter((k) => !k.optional || showSatisfaction);
  return (
    <Row gutter={[12, 12]}>
      {kpis.map((kpi) => (
        <Col key={kpi.key} xs={12} sm={8} lg={compact ? 6 : 8} xl={compact ? 6 : 4}>
          <KpiCard kpi={kpi} figures={figures} listScope={listScope} serviceKey={serviceKey} />
        </Col>
      ))}
    </Row>
  );
}

function KpiCard({ kpi, figures, listScope, serviceKey }: { kpi: Kpi; figures: CockpitFigures; listScope: RecordListScope; serviceKey?: string }) {
  const t = useT();
  const label = t(`cockpit.kpis.${kpi.key}`);
  const text = formatKpi(kpi, kpi.value(figures));
  const value =
    kpi.list && serviceKey ? (
      <Link to={`/s/${serviceKey}${recordListScopeSearch({ ...listScope, ...kpi.list })}`} aria-label={t("cockpit.openRecords", { label, value: text })}>
        {text}
      </Link>
    ) : (
      text
    );
  return (
    // a group named by its KPI, so a screen reader (and a test) reads one figure with its label and n
    <Card size="small" style={{ height: "100%" }} role="group" aria-label={label}>
      <Statistic
        title={
          <span>
            {label}{" "}
            <Tooltip title={t(`cockpit.definitions.${kpi.key}`)}>
              <QuestionCircleOutlined aria-label={t("cockpit.definitionOf", { label })} role="img" tabIndex={0} />
            </Tooltip>
          </span>
        }
        valueRender={() => value}
        value={text}
        suffix={kpi.kind === "hours" && kpi.value(figures) !== null ? t("cockpit.hoursUnit") : undefined}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("cockpit.n", { n: kpi.n(figures) })}
      </Typography.Text>
    </Card>
  );
}

// The home page's cockpit, scoped: my unit's figures (the highest unit I belong to and
// everything below it), its backlog per service with links to the records, and the to-dos I
// can act on. The same database functions as the leader cockpit count them, as me.
import { Alert, Card, Col, Flex, Row, Skeleton, Statistic } from "antd";
import { useMemo } from "react";
import { Link } from "react-router";
import { useT } from "@/i18n";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import { serviceName } from "@/views/shared/serviceName";
import { useErrorText } from "@/views/shared/useErrorText";
import { useMyTasks } from "@/views/hooks/useMyTasks";
import { usePublishedServices } from "@/views/hooks/usePublishedServices";
import { emptyFigures } from "../cockpit/cockpitKpis";
import { KpiCards } from "../cockpit/KpiCards";
import { ServiceFiguresTable, type ServiceFigures } from "../cockpit/ServiceFiguresTable";
import { useCockpitScope } from "../cockpit/useCockpitScope";
import { useCockpitSummary } from "../cockpit/useCockpitData";

export function HomeCockpit() {
  const t = useT();
  const language = useFieldLanguage();
  const errorText = useErrorText();
  const scope = useCockpitScope();
  const summary = useCockpitSummary(scope.unit?.id, null, null);
  const services = usePublishedServices();
  const tasks = useMyTasks();
  const serviceById = useMemo(() => new Map((services.data ?? []).map((s) => [s.id, s])), [services.data]);
  const now = useMemo(() => Date.now(), [tasks.data]);

  if (scope.isLoading) return <Skeleton active />;
  if (!scope.unit) return null;

  const rows = summary.data ?? [];
  const overall = rows.find((r) => r.unitId === null && r.serviceId === null) ?? emptyFigures;
  const serviceRows: ServiceFigures[] = rows
    .filter((r) => r.unitId === null && r.serviceId !== null)
    .map((r) => {
      const service = serviceById.get(r.serviceId!);
      return { ...r, name: service ? serviceName(service, language) : "—", key: service?.key };
    })
    .sort((a, b) => b.overdue - a.overdue || b.in_progress - a.in_progress);
  const myOverdue = (tasks.data?.rows ?? []).filter((r) => r.due_at !== null && Date.parse(r.due_at) < now).length;
  const listScope = { unit: scope.unit.id, overdue: false };

  return (
    <section aria-labelledby="home-cockpit">
      <Card
        title={<span id="home-cockpit">{t("cockpit.home.title", { unit: scope.unit.name })}</span>}
        extra={<Link to="/cockpit">{t("cockpit.home.openCockpit")}</Link>}
      >
        <Flex vertical gap={16}>
          {summary.isError && <Alert type="error" showIcon message={errorText(summary.error)} />}
          <Row gutter={[12, 12]}>
            <Col xs={12} sm={8} lg={6}>
              <Card size="small">
                <Statistic title={t("cockpit.home.myTasks")} value={tasks.data?.total ?? 0} loading={tasks.isLoading} />
                <Link to="/tasks">{t("cockpit.home.openTasks")}</Link>
              </Card>
            </Col>
            <Col xs={12} sm={8} lg={6}>
              <Card size="small">
                <Statistic title={t("cockpit.home.myTasksOverdue")} value={myOverdue} loading={tasks.isLoading} />
              </Card>
            </Col>
          </Row>
          {summary.isLoading ? (
            <Skeleton active />
          ) : (
            <>
              <KpiCards figures={overall} listScope={listScope} showSatisfaction={rows.some((r) => r.rated > 0)} compact />
              <ServiceFiguresTable rows={serviceRows} listScope={listScope} showSatisfaction={false} />
            </>
          )}
        </Flex>
      </Card>
    </section>
  );
}

import { RollbackOutlined, ReloadOutlined } from "@ant-design/icons";
import { useList } from "@refinedev/core";
import { Alert, Button, Card, Col, Row, Select, Space, Tag, Timeline, Typography } from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import { workCalendarResource, type WorkCalendarDay } from "@/data/workCalendar";
import { escalationRoute } from "@/services/escalation";
import { localToday } from "@/services/workflow";
import { dryRunOffers, dueDate, startDryRun, takeTransition, type DryRunStep, type WorkCalendar } from "./dryRun";
import { SampleAnswers } from "./SampleAnswers";
import { useWorkflowLabels, type RoleLike } from "./useWorkflowLabels";
import type { DraftField, DraftTransition, DraftWorkflow } from "./workflowTypes";

type Props = {
  workflow: DraftWorkflow;
  fields: readonly DraftField[];
  roles: readonly RoleLike[];
};

/** The next year's holidays and 调休 days, for due dates counted in 工作日 as the database counts them. */
function useWorkCalendar(): WorkCalendar {
  const today = localToday();
  const { result } = useList<WorkCalendarDay>({
    resource: workCalendarResource,
    filters: [{ field: "day", operator: "gte", value: today }],
    pagination: { mode: "off" },
    meta: { select: "day,kind" },
    queryOptions: { staleTime: 60 * 60_000 },
  });
  return useMemo(() => new Map(result.data.map((row) => [row.day, row.kind])), [result.data]);
}

/** 试运行: a sample record taken through the draft workflow; nothing is saved. */
export function DryRunPanel({ workflow, fields, roles }: Props) {
  const { t, named, roleName, pick, durationLabel, locale } = useWorkflowLabels(roles);
  const calendar = useWorkCalendar();
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [role, setRole] = useState<string | undefined>();
  const [path, setPath] = useState<DryRunStep[]>([]);
  const restart = () => setPath([startDryRun(workflow, answers, new Date(), calendar)]);
  // the first render and a new initial state start the run (React's "state from props" pattern);
  // other edits keep the path taken so far
  const [startedAt, setStartedAt] = useState<string | null>(null);
  if (startedAt !== workflow.initial) {
    setStartedAt(workflow.initial);
    restart();
  }

  const stateOf = (key: string) => workflow.states.find((state) => state.key === key);
  const transitionOf = (key: string | undefined) => workflow.transitions?.find((transition) => transition.key === key);
  const current = path[path.length - 1];
  const offers = current ? dryRunOffers(workflow, fields, current.state, answers, localToday(), role) : [];
  const roleKeys = [...new Set(workflow.transitions?.flatMap((transition) => transition.roles) ?? [])];
  const fieldName = (key: string) =>
    named(
      fields.find((field) => field.key === key),
      key,
    );
  const format = (date: Date) => dayjs(date).format(locale === "en" ? "YYYY-MM-DD HH:mm" : "YYYY年M月D日 HH:mm");

  const needs = (transition: DraftTransition) => {
    const items = [
      ...(transition.requireComment ? [t("workflowDesigner.dryRun.needsComment")] : []),
      ...((transition.requireFields ?? []).length > 0
        ? [t("workflowDesigner.dryRun.needsFields", { fields: (transition.requireFields ?? []).map(fieldName).join("、") })]
        : []),
      ...((transition.checklist ?? []).length > 0
        ? [t("workflowDesigner.dryRun.needsChecklist", { items: (transition.checklist ?? []).map((item) => named(item, item.key)).join("、") })]
        : []),
    ];
    return items.length > 0 ? t("workflowDesigner.dryRun.needs", { items: items.join("；") }) : "";
  };
  const escalationText = (transition: DraftTransition) => {
    const route = escalationRoute(transition.escalate ?? false);
    if (!route) return "";
    const target =
      route.to === "parent"
        ? t("workflowDesigner.escalateParent")
        : route.to === "origin"
          ? t("workflowDesigner.escalateOrigin")
          : route.to === "level"
            ? t(`org_units.levels.${route.level}`)
            : t("workflowDesigner.escalateChoose");
    return t("workflowDesigner.dryRun.escalates", { target });
  };

  if (!stateOf(workflow.initial)) return <Alert type="info" message={t("workflowDesigner.dryRun.noInitial")} />;
  const currentState = current ? stateOf(current.state) : undefined;

  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Typography.Paragraph type="secondary">{t("workflowDesigner.dryRun.intro")}</Typography.Paragraph>
        <Typography.Title level={5}>{t("workflowDesigner.dryRun.answers")}</Typography.Title>
        <SampleAnswers fields={fields} answers={answers} onChange={setAnswers} />
      </Col>
      <Col xs={24} md={8}>
        <Space direction="vertical" style={{ width: "100%" }}>
          <Space wrap>
            <label htmlFor="wf-dry-run-role">{t("workflowDesigner.dryRun.role")}</label>
            <Select
              id="wf-dry-run-role"
              value={role ?? ""}
              onChange={(next: string) => setRole(next === "" ? undefined : next)}
              options={[{ value: "", label: t("workflowDesigner.dryRun.anyRole") }, ...roleKeys.map((key) => ({ value: key, label: roleName(key) }))]}
              style={{ minWidth: 140 }}
            />
          </Space>
          <Typography.Title level={5}>{t("workflowDesigner.dryRun.offers")}</Typography.Title>
          {currentState?.terminal ? (
            <Alert type="success" message={t("workflowDesigner.dryRun.finished")} />
          ) : offers.length === 0 ? (
            <Alert type="warning" message={t("workflowDesigner.dryRun.stuck")} />
          ) : (
            offers.map(({ transition, roleAllowed, blocked }) => (
              <Card size="small" key={transition.key}>
                <Button
                  type="primary"
                  disabled={!roleAllowed || blocked !== null}
                  onClick={() => {
                    const step = takeTransition(workflow, path, transition.key, answers, new Date(), calendar);
                    if (step) setPath([...path, step]);
                  }}
                >
                  {named(transition, transition.key)} → {named(stateOf(transition.to), transition.to)}
                </Button>
                {!roleAllowed && <Typography.Paragraph type="warning">{t("workflowDesigner.dryRun.roleNotAllowed")}</Typography.Paragraph>}
                {blocked && <Typography.Paragraph type="warning">{pick(blocked.zh, blocked.en)}</Typography.Paragraph>}
                {needs(transition) && <Typography.Paragraph type="secondary">{needs(transition)}</Typography.Paragraph>}
                {escalationText(transition) && <Typography.Paragraph type="secondary">{escalationText(transition)}</Typography.Paragraph>}
              </Card>
            ))
          )}
        </Space>
      </Col>
      <Col xs={24} md={8}>
        <Space style={{ marginBottom: 12 }} wrap>
          <Button icon={<RollbackOutlined />} disabled={path.length < 2} onClick={() => setPath(path.slice(0, -1))}>
            {t("workflowDesigner.dryRun.undo")}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={restart}>
            {t("workflowDesigner.dryRun.restart")}
          </Button>
        </Space>
        <Typography.Title level={5}>{t("workflowDesigner.dryRun.path")}</Typography.Title>
        <Timeline
          items={path.map((step, i) => {
            const via = transitionOf(step.via);
            // recomputed here: the work calendar may arrive after the step was taken
            const due = dueDate(step.limit, step.enteredAt, calendar);
            return {
              key: i,
              children: (
                <Space direction="vertical" size={0}>
                  {via && <Typography.Text type="secondary">{named(via, via.key)}</Typography.Text>}
                  <Tag color={stateOf(step.state)?.color}>{named(stateOf(step.state), step.state)}</Tag>
                  <Typography.Text type="secondary">
                    {step.limit && due
                      ? t("workflowDesigner.dryRun.due", { limit: durationLabel(step.limit), at: format(due) })
                      : stateOf(step.state)?.terminal
                        ? ""
                        : t("workflowDesigner.noLimit")}
                  </Typography.Text>
                </Space>
              ),
            };
          })}
        />
      </Col>
    </Row>
  );
}

import { useList } from "@refinedev/core";
import { Alert, Card, Empty, Space, Tag, Timeline, Typography } from "antd";
import { useMemo } from "react";
import { useT } from "@/i18n";
import type { ServiceDefinition } from "@/services/schema";
import { recordEventsResource, type RecordEventRow } from "@/data/records";
import { useLookups } from "../hooks/useLookups";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { formatDateTime } from "../shared/recordTiming";
import { StatusTag } from "../shared/StatusTag";
import { useColumnLabel } from "../shared/useColumnLabel";
import { useErrorText } from "../shared/useErrorText";
import { describeEvent, type EventDescription } from "./describeEvent";

const dotColor: Record<EventDescription["kind"], string> = {
  created: "blue",
  updated: "gray",
  transition: "green",
  comment: "gray",
  checklist: "green",
  attachment: "gray",
  deleted: "red",
};

/** The record's history, oldest first: who did what, when, and what changed. */
export function EventTimeline({ definition, recordId }: { definition: ServiceDefinition; recordId: string }) {
  const t = useT();
  const language = useFieldLanguage();
  const errorText = useErrorText();
  const { columnLabel } = useColumnLabel(definition);
  const { result, query } = useList<RecordEventRow>({
    resource: recordEventsResource,
    filters: [{ field: "record_id", operator: "eq", value: recordId }],
    sorters: [{ field: "id", order: "asc" }],
    pagination: { mode: "off" },
    meta: { count: "planned" },
  });
  const events = result.data;
  const actorIds = useMemo(() => events.flatMap((e) => (e.actor ? [e.actor] : [])), [events]);
  const lookups = useLookups(actorIds);

  const items = events.map((event) => {
    const d = describeEvent(definition, event, { ...lookups, language, systemLabel: columnLabel });
    const actor = event.actor ? (lookups.userName(event.actor) ?? "—") : t("records.events.unknownActor");
    return {
      key: event.id,
      color: dotColor[d.kind],
      children: (
        <Space direction="vertical" size={2} style={{ width: "100%" }}>
          <span>
            <Typography.Text strong>{actor}</Typography.Text>{" "}
            {d.kind === "transition" ? t("records.events.transition", { action: d.action ?? "" }) : t(`records.events.${d.kind}`)}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(event.created_at)}
          </Typography.Text>
          {d.fromStatus && d.toStatus && (
            <span>
              <StatusTag definition={definition} status={d.fromStatus} language={language} /> →{" "}
              <StatusTag definition={definition} status={d.toStatus} language={language} />
            </span>
          )}
          {d.comment && <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>“{d.comment}”</Typography.Paragraph>}
          {d.checklist.length > 0 && (
            <ul aria-label={t("records.transition.checklist")} style={{ margin: 0, paddingInlineStart: 18 }}>
              {d.checklist.map((item) => (
                <li key={item.key}>
                  <Tag color={item.checked ? "success" : "default"}>{t(item.checked ? "records.events.checked" : "records.events.unchecked")}</Tag>
                  {item.label}
                </li>
              ))}
            </ul>
          )}
          {d.changes.map((change) => (
            <Typography.Text key={change.key} type="secondary">
              {t("records.events.change", {
                label: change.label,
                before: change.before ?? t("records.events.empty"),
                after: change.after ?? t("records.events.empty"),
              })}
            </Typography.Text>
          ))}
        </Space>
      ),
    };
  });

  return (
    <Card title={t("records.show.timeline")} size="small">
      {query.isError && <Alert type="error" showIcon message={errorText(query.error)} />}
      {!query.isLoading && events.length === 0 ? <Empty description={t("records.show.noEvents")} /> : <Timeline items={items} />}
    </Card>
  );
}

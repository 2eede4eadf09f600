import { useNotification } from "@refinedev/core";
import { Button, Empty, Space, Tooltip } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { pickText } from "@/contract";
import { useT } from "@/i18n";
import type { ServiceDefinition, WorkflowTransition } from "@/services/schema";
import { escalationRoute } from "@/services/escalation";
import { transitionOffers } from "@/services/workflow";
import type { RecordRow } from "@/data/records";
import { useRecordRefresh } from "../hooks/useRecordRefresh";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { TransitionDialog } from "./TransitionDialog";

interface WorkflowActionsProps {
  serviceKey: string;
  definition: ServiceDefinition;
  record: RecordRow;
  /** the user's roles at the record's unit or above */
  roleKeys: readonly string[];
  reload(): Promise<unknown>;
}

/**
 * The transitions the user's role may take from this state, each opening its dialog; one whose
 * guard (`when`) does not hold is shown disabled with the reason, so nobody wonders where it went.
 */
export function WorkflowActions({ serviceKey, definition, record, roleKeys, reload }: WorkflowActionsProps) {
  const t = useT();
  const language = useFieldLanguage();
  const navigate = useNavigate();
  const refresh = useRecordRefresh();
  const { open } = useNotification();
  const [active, setActive] = useState<WorkflowTransition | null>(null);
  const offers = transitionOffers(definition, record.status, roleKeys, record.data);

  if (offers.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("records.show.noActions")} />;

  const done = async (transition: WorkflowTransition) => {
    setActive(null);
    const action = pickText(language, transition.label, transition.label_en);
    await refresh();
    const route = escalationRoute(transition.escalate);
    if (route) {
      // the record now belongs to another unit, usually outside the user's own scope
      open?.({
        type: "success",
        message: t("records.transition.done", { action }),
        description: t(route.to === "origin" ? "records.transition.returned" : "records.transition.escalated"),
      });
      navigate(`/s/${serviceKey}`);
      return;
    }
    open?.({ type: "success", message: t("records.transition.done", { action }) });
  };

  return (
    <>
      <Space wrap>
        {offers.map(({ transition, blocked }) => {
          const label = pickText(language, transition.label, transition.label_en);
          if (blocked) {
            const reason = language === "en" ? blocked.message_en : blocked.message_zh;
            // a disabled button gets no pointer events: the span carries the tooltip
            return (
              <Tooltip key={transition.key} title={reason}>
                <span aria-label={`${label}：${reason}`} tabIndex={0}>
                  <Button disabled>{label}</Button>
                </span>
              </Tooltip>
            );
          }
          return (
            <Button key={transition.key} type={transition.requireComment ? "default" : "primary"} onClick={() => setActive(transition)}>
              {label}
            </Button>
          );
        })}
      </Space>
      {active && (
        <TransitionDialog
          definition={definition}
          record={record}
          transition={active}
          roleKeys={roleKeys}
          onClose={() => setActive(null)}
          onDone={() => void done(active)}
          onStale={() => {
            setActive(null);
            open?.({ type: "error", message: t("errors.staleRecord"), description: t("records.form.staleBody") });
            void reload();
          }}
        />
      )}
    </>
  );
}

import { useNotification } from "@refinedev/core";
import { Button, Empty, Space } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { pickText } from "@/contract";
import { useT } from "@/i18n";
import type { ServiceDefinition, WorkflowTransition } from "@/services/schema";
import { availableTransitions } from "@/services/workflow";
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

/** The transitions the user may take now, each opening its dialog. */
export function WorkflowActions({ serviceKey, definition, record, roleKeys, reload }: WorkflowActionsProps) {
  const t = useT();
  const language = useFieldLanguage();
  const navigate = useNavigate();
  const refresh = useRecordRefresh();
  const { open } = useNotification();
  const [active, setActive] = useState<WorkflowTransition | null>(null);
  const transitions = availableTransitions(definition, record.status, roleKeys);

  if (transitions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("records.show.noActions")} />;

  const done = async (transition: WorkflowTransition) => {
    setActive(null);
    const action = pickText(language, transition.label, transition.label_en);
    await refresh();
    if (transition.escalate) {
      // the record now belongs to the parent unit, usually outside the user's own scope
      open?.({ type: "success", message: t("records.transition.done", { action }), description: t("records.transition.escalated") });
      navigate(`/s/${serviceKey}`);
      return;
    }
    open?.({ type: "success", message: t("records.transition.done", { action }) });
  };

  return (
    <>
      <Space wrap>
        {transitions.map((transition) => (
          <Button key={transition.key} type={transition.requireComment ? "default" : "primary"} onClick={() => setActive(transition)}>
            {pickText(language, transition.label, transition.label_en)}
          </Button>
        ))}
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

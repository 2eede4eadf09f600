import { Form, Select, Space } from "antd";
import { orgUnitLevels, type OrgUnitLevel } from "@/contract";
import { escalationRoute } from "@/services/escalation";
import { useWorkflowLabels } from "./useWorkflowLabels";
import type { DraftEscalation } from "./workflowTypes";

type Mode = "none" | "parent" | "level" | "origin" | "choose";

type Props = {
  value: DraftEscalation | undefined;
  onChange: (value: DraftEscalation | undefined) => void;
};

/** 转交单位: stay, the parent unit, the nearest unit of a level, back to the original grid, or one the user chooses among levels. */
export function EscalationEditor({ value, onChange }: Props) {
  const { t } = useWorkflowLabels([]);
  const route = escalationRoute(value ?? false);
  const mode: Mode = route?.to ?? "none";
  const levelOptions = orgUnitLevels.map((level) => ({ value: level, label: t(`org_units.levels.${level}`) }));

  const switchTo = (next: Mode) => {
    if (next === "none") onChange(undefined);
    else if (next === "parent") onChange({ to: "parent" });
    else if (next === "origin") onChange({ to: "origin" });
    else if (next === "level") onChange({ to: "level", level: "street" });
    else onChange({ to: "choose", levels: ["community", "street"] });
  };

  return (
    <Form.Item label={t("workflowDesigner.escalate")}>
      <Space wrap>
        <Select<Mode>
          aria-label={t("workflowDesigner.escalate")}
          value={mode}
          onChange={switchTo}
          style={{ minWidth: 150 }}
          options={[
            { value: "none", label: t("workflowDesigner.escalateNone") },
            { value: "parent", label: t("workflowDesigner.escalateParent") },
            { value: "level", label: t("workflowDesigner.escalateLevel") },
            { value: "origin", label: t("workflowDesigner.escalateOrigin") },
            { value: "choose", label: t("workflowDesigner.escalateChoose") },
          ]}
        />
        {route?.to === "level" && (
          <Select<OrgUnitLevel>
            aria-label={t("workflowDesigner.escalateLevel")}
            value={route.level}
            onChange={(level) => onChange({ to: "level", level })}
            options={levelOptions}
            style={{ minWidth: 120 }}
          />
        )}
        {route?.to === "choose" && (
          <Select<OrgUnitLevel[]>
            aria-label={t("workflowDesigner.escalateLevels")}
            mode="multiple"
            value={route.levels ?? []}
            // units named by code are kept as they are; the pickers edit the levels
            onChange={(levels) => onChange({ to: "choose", ...(levels.length > 0 ? { levels } : {}), ...(route.units ? { units: route.units } : {}) })}
            options={levelOptions}
            style={{ minWidth: 200 }}
          />
        )}
      </Space>
    </Form.Item>
  );
}

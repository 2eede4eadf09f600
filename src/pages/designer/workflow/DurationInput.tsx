import { InputNumber, Select, Space } from "antd";
import { useT } from "@/i18n";
import type { DraftDuration } from "./workflowTypes";

type Unit = "hours" | "workdays";

type Props = {
  value: DraftDuration | undefined;
  onChange: (value: DraftDuration | undefined) => void;
  /** offer "不限" (for one answer of a by-field limit) */
  allowNone?: boolean;
  "aria-label"?: string;
};

/** A number of calendar hours or 工作日; empty means none. */
export function DurationInput({ value, onChange, allowNone, "aria-label": ariaLabel }: Props) {
  const t = useT();
  const unit: Unit | "none" = value === undefined ? (allowNone ? "none" : "hours") : "hours" in value ? "hours" : "workdays";
  const amount = value === undefined ? null : "hours" in value ? value.hours : value.workdays;
  const emit = (nextUnit: Unit | "none", nextAmount: number | null) => {
    if (nextUnit === "none") return onChange(undefined);
    const n = nextAmount ?? (nextUnit === "hours" ? 24 : 5);
    onChange(nextUnit === "hours" ? { hours: n } : { workdays: Math.max(1, Math.round(n)) });
  };
  return (
    <Space.Compact>
      {unit !== "none" && (
        <InputNumber
          aria-label={ariaLabel}
          min={unit === "hours" ? 0.5 : 1}
          max={unit === "hours" ? 8784 : 366}
          precision={unit === "hours" ? 1 : 0}
          value={amount}
          onChange={(n) => emit(unit, typeof n === "number" ? n : null)}
          style={{ width: 100 }}
        />
      )}
      <Select<Unit | "none">
        aria-label={ariaLabel}
        value={unit}
        onChange={(next) => emit(next, amount)}
        style={{ width: 110 }}
        options={[
          ...(allowNone ? [{ value: "none" as const, label: t("workflowDesigner.noLimit") }] : []),
          { value: "hours" as const, label: t("workflowDesigner.limitHours") },
          { value: "workdays" as const, label: t("workflowDesigner.limitWorkdays") },
        ]}
      />
    </Space.Compact>
  );
}

import { WarningOutlined } from "@ant-design/icons";
import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from "@xyflow/react";

export type TransitionEdgeData = {
  label: string;
  /** "→ 3 人", "无人可办理", or "" while unknown */
  people: string;
  problems: string[];
  /** what the arrow says about its problems: "无人可办理" or "2 个问题" (the full text is its tooltip and the list above) */
  problemsText: string;
  /** sideways bend, so A→B and B→A (or two transitions between the same states) do not overlap */
  bend: number;
  /** 退回 and other edges going back up are drawn dashed */
  back: boolean;
  /** opens the transition in the side panel (the label is a button: click or Enter) */
  onSelect: () => void;
};
export type TransitionEdgeType = Edge<TransitionEdgeData, "transition">;

/**
 * A transition (操作) as a curved arrow with its name, its head count and its problems. Bent by
 * hand rather than with React Flow's bezier helpers, because those cannot draw a self-loop
 * (补充材料 back to the same state) or keep a pair of opposite edges apart.
 */
export function TransitionEdge({ id, sourceX, sourceY, targetX, targetY, source, target, data, selected, markerEnd }: EdgeProps<TransitionEdgeType>) {
  const bend = data?.bend ?? 0;
  const flagged = (data?.problems.length ?? 0) > 0;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (source === target) {
    // out of the bottom, round the right side, into the top
    const right = Math.max(sourceX, targetX) + 130 + bend;
    path = `M ${sourceX} ${sourceY} C ${right} ${sourceY + 60}, ${right} ${targetY - 60}, ${targetX} ${targetY}`;
    labelX = right - 20;
    labelY = (sourceY + targetY) / 2;
  } else {
    const mx = (sourceX + targetX) / 2;
    const my = (sourceY + targetY) / 2;
    const dx = targetX - sourceX;
    const dy = targetY - sourceY;
    const length = Math.hypot(dx, dy) || 1;
    // a back-edge bends well aside, so it does not run through the states between
    const offset = bend + (data?.back ? 120 : 0);
    const cx = mx + (-dy / length) * offset;
    const cy = my + (dx / length) * offset;
    path = `M ${sourceX} ${sourceY} Q ${cx} ${cy} ${targetX} ${targetY}`;
    labelX = 0.25 * sourceX + 0.5 * cx + 0.25 * targetX;
    labelY = 0.25 * sourceY + 0.5 * cy + 0.25 * targetY;
  }
  const stroke = flagged ? "#ff4d4f" : selected ? "#1677ff" : "#8c8c8c";
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{ stroke, strokeWidth: selected ? 2.5 : 1.5, strokeDasharray: data?.back ? "6 4" : undefined }}
      />
      <EdgeLabelRenderer>
        <button
          type="button"
          className="nodrag nopan"
          title={data?.problems.join("\n")}
          onClick={data?.onSelect}
          style={{
            font: "inherit",
            cursor: "pointer",
            position: "absolute",
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
            pointerEvents: "all",
            background: "#fff",
            border: `1px solid ${flagged ? "#ff4d4f" : selected ? "#1677ff" : "#d9d9d9"}`,
            borderRadius: 4,
            padding: "1px 6px",
            fontSize: 12,
            maxWidth: 180,
            textAlign: "center",
            color: flagged ? "#cf1322" : undefined,
          }}
        >
          {flagged && <WarningOutlined />} {data?.label}
          {data?.people && <div style={{ color: flagged ? "#cf1322" : "#595959" }}>{data.people}</div>}
          {flagged && data && data.people !== data.problemsText && <div>{data.problemsText}</div>}
        </button>
      </EdgeLabelRenderer>
    </>
  );
}

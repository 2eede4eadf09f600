import { ClockCircleOutlined, FlagOutlined, StopOutlined, WarningOutlined } from "@ant-design/icons";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { Space, Tag, Typography } from "antd";
import { NODE_WIDTH } from "./autoLayout";

export type StateNodeData = {
  label: string;
  color: string;
  initial: boolean;
  terminal: boolean;
  /** "24 小时", "5 个工作日", "" for none */
  limit: string;
  problems: string[];
  texts: { initial: string; terminal: string };
};
export type StateNodeType = Node<StateNodeData, "state">;

/** A state (环节) on the diagram: its colour, 初始 / 终止 and time-limit badges, and its problems in words. */
export function StateNode({ data, selected }: NodeProps<StateNodeType>) {
  const flagged = data.problems.length > 0;
  return (
    <div
      title={data.problems.join("\n")}
      style={{
        width: NODE_WIDTH,
        padding: "8px 10px",
        borderRadius: 8,
        background: "#fff",
        border: `2px solid ${flagged ? "#ff4d4f" : selected ? "#1677ff" : "#d9d9d9"}`,
        boxShadow: selected ? "0 0 0 3px rgba(22,119,255,0.2)" : undefined,
      }}
    >
      <Handle type="target" position={Position.Top} />
      <Space size={4} wrap>
        <Tag color={data.color} style={{ marginInlineEnd: 0 }}>
          {data.label}
        </Tag>
        {data.initial && (
          <Tag icon={<FlagOutlined />} color="blue">
            {data.texts.initial}
          </Tag>
        )}
        {data.terminal && <Tag icon={<StopOutlined />}>{data.texts.terminal}</Tag>}
        {data.limit && <Tag icon={<ClockCircleOutlined />}>{data.limit}</Tag>}
      </Space>
      {flagged && (
        <Typography.Paragraph type="danger" style={{ margin: "4px 0 0", fontSize: 12 }} ellipsis={{ rows: 2 }}>
          <WarningOutlined /> {data.problems[0]}
          {data.problems.length > 1 ? ` (+${data.problems.length - 1})` : ""}
        </Typography.Paragraph>
      )}
      {/* a terminal state keeps its handle: a transition wrongly leaving it must still be drawn (and flagged) */}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

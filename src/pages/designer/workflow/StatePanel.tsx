import { DeleteOutlined, FlagOutlined } from "@ant-design/icons";
import { Button, Form, Popconfirm, Select, Space, Switch, Tag, Typography } from "antd";
import { CommitInput } from "./CommitInput";
import { TimeLimitEditor } from "./TimeLimitEditor";
import { useWorkflowLabels } from "./useWorkflowLabels";
import { withoutUndefined } from "./workflowEdits";
import type { DraftField, DraftState, DraftTimeLimit } from "./workflowTypes";

/** antd's preset tag colours, as the definition language accepts them (workflowSchema's colour rule). */
export const stateColors = [
  "default",
  "processing",
  "success",
  "error",
  "warning",
  "magenta",
  "red",
  "volcano",
  "orange",
  "gold",
  "lime",
  "green",
  "cyan",
  "blue",
  "geekblue",
  "purple",
] as const;

type Props = {
  state: DraftState;
  initial: boolean;
  fields: readonly DraftField[];
  /** how many transitions deleting the state takes with it */
  removedTransitions: number;
  onChange: (state: DraftState, label: string) => void;
  onSetInitial: () => void;
  onRemove: () => void;
};

/** The side panel for one state: name, colour, terminal, time limit; make initial; delete. */
export function StatePanel({ state, initial, fields, removedTransitions, onChange, onSetInitial, onRemove }: Props) {
  const { t, named } = useWorkflowLabels([]);
  const change = (next: DraftState) => onChange(withoutUndefined(next), t("workflowDesigner.stateTitle", { name: next.label }));
  const setLimit = (limit: DraftTimeLimit | undefined) => {
    const { slaHours: _older, timeLimit: _limit, ...rest } = state;
    change(limit ? { ...rest, timeLimit: withoutUndefined(limit) } : rest);
  };
  const colors: string[] = stateColors.includes(state.color as (typeof stateColors)[number]) ? [...stateColors] : [...stateColors, state.color];

  return (
    <Form layout="vertical" aria-label={t("workflowDesigner.stateTitle", { name: state.label })}>
      <Form.Item label={t("workflowDesigner.label")} htmlFor="wf-state-label">
        <CommitInput id="wf-state-label" value={state.label} onCommit={(label) => label && change({ ...state, label })} />
      </Form.Item>
      <Form.Item label={t("workflowDesigner.labelEn")} htmlFor="wf-state-label-en">
        <CommitInput id="wf-state-label-en" value={state.label_en} onCommit={(labelEn) => change({ ...state, label_en: labelEn || undefined })} />
      </Form.Item>
      <Form.Item label={t("workflowDesigner.key")} extra={t("workflowDesigner.keyHint")}>
        <Typography.Text code>{state.key}</Typography.Text>
      </Form.Item>
      <Form.Item label={t("workflowDesigner.color")} htmlFor="wf-state-color">
        <Select
          id="wf-state-color"
          value={state.color}
          onChange={(color: string) => change({ ...state, color })}
          options={colors.map((color) => ({ value: color, label: <Tag color={color}>{named(state, state.key)}</Tag> }))}
          style={{ width: 200 }}
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Switch id="wf-state-terminal" checked={state.terminal ?? false} onChange={(terminal) => change({ ...state, terminal: terminal || undefined })} />
          <label htmlFor="wf-state-terminal">{t("workflowDesigner.terminal")}</label>
        </Space>
      </Form.Item>
      {!state.terminal && <TimeLimitEditor state={state} fields={fields} onChange={setLimit} />}
      <Space wrap>
        {initial ? (
          <Typography.Text type="secondary">
            <FlagOutlined /> {t("workflowDesigner.isInitial")}
          </Typography.Text>
        ) : (
          <Button icon={<FlagOutlined />} onClick={onSetInitial}>
            {t("workflowDesigner.setInitial")}
          </Button>
        )}
        <Popconfirm title={t("workflowDesigner.removeStateConfirm", { name: state.label, count: removedTransitions })} onConfirm={onRemove}>
          <Button danger icon={<DeleteOutlined />}>
            {t("workflowDesigner.removeState")}
          </Button>
        </Popconfirm>
      </Space>
    </Form>
  );
}

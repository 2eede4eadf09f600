import { Form, Input, Modal, Select } from "antd";
import { useEffect, useState } from "react";
import { useWorkflowLabels } from "./useWorkflowLabels";
import type { DraftState } from "./workflowTypes";

type Props = {
  open: boolean;
  states: readonly DraftState[];
  /** preselected source: the state being edited, if any */
  defaultFrom?: string;
  onCancel: () => void;
  onAdd: (draft: { label: string; from: string; to: string }) => void;
};

/** 新增流转 by buttons and keyboard: the click equivalent of dragging from one state to another on the diagram. */
export function AddTransitionModal({ open, states, defaultFrom, onCancel, onAdd }: Props) {
  const { t, named } = useWorkflowLabels([]);
  const [label, setLabel] = useState("");
  const [from, setFrom] = useState<string | undefined>();
  const [to, setTo] = useState<string | undefined>();
  useEffect(() => {
    if (!open) return;
    setLabel(t("workflowDesigner.newTransitionLabel"));
    setFrom(defaultFrom ?? states[0]?.key);
    setTo(states.find((state) => state.key !== (defaultFrom ?? states[0]?.key))?.key);
  }, [open, defaultFrom, states, t]);
  const options = states.map((state) => ({ value: state.key, label: named(state, state.key) }));
  const ready = label.trim() !== "" && from !== undefined && to !== undefined;

  return (
    <Modal
      open={open}
      title={t("workflowDesigner.addTransition")}
      onCancel={onCancel}
      okButtonProps={{ disabled: !ready }}
      onOk={() => ready && onAdd({ label: label.trim(), from: from!, to: to! })}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t("workflowDesigner.label")} htmlFor="wf-new-transition-label">
          <Input id="wf-new-transition-label" value={label} onChange={(event) => setLabel(event.target.value)} autoFocus />
        </Form.Item>
        <Form.Item label={t("workflowDesigner.from")} htmlFor="wf-new-transition-from">
          <Select id="wf-new-transition-from" showSearch optionFilterProp="label" value={from} onChange={setFrom} options={options} />
        </Form.Item>
        <Form.Item label={t("workflowDesigner.to")} htmlFor="wf-new-transition-to">
          <Select id="wf-new-transition-to" showSearch optionFilterProp="label" value={to} onChange={setTo} options={options} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { Form, Input, Modal } from "antd";
import { useEffect, useState } from "react";
import { useWorkflowLabels } from "./useWorkflowLabels";

type Props = {
  open: boolean;
  onCancel: () => void;
  onAdd: (label: string) => void;
};

/** 新增状态 asks for the name first: the state's key comes from it (街道复核 → jie_dao_fu_he) and never changes after. */
export function AddStateModal({ open, onCancel, onAdd }: Props) {
  const { t } = useWorkflowLabels([]);
  const [label, setLabel] = useState("");
  useEffect(() => {
    if (open) setLabel("");
  }, [open]);
  const ready = label.trim() !== "";
  return (
    <Modal
      open={open}
      title={t("workflowDesigner.addState")}
      onCancel={onCancel}
      okButtonProps={{ disabled: !ready }}
      onOk={() => ready && onAdd(label.trim())}
      destroyOnHidden
    >
      <Form layout="vertical" onFinish={() => ready && onAdd(label.trim())}>
        <Form.Item label={t("workflowDesigner.label")} htmlFor="wf-new-state-label">
          <Input
            id="wf-new-state-label"
            value={label}
            placeholder={t("workflowDesigner.newStateLabel")}
            onChange={(event) => setLabel(event.target.value)}
            onPressEnter={() => ready && onAdd(label.trim())}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { DeleteOutlined } from "@ant-design/icons";
import { useNotification } from "@refinedev/core";
import { Alert, Button, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import { useT } from "@/i18n";
import { deleteRecord } from "@/data/recordActions";
import type { RecordRow } from "@/data/records";
import { useRecordRefresh } from "../hooks/useRecordRefresh";
import { useErrorText } from "../shared/useErrorText";

/** Soft delete with a reason: the record leaves every list, its history stays for audit. */
export function DeleteRecordButton({ serviceKey, record }: { serviceKey: string; record: RecordRow }) {
  const t = useT();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const refresh = useRecordRefresh();
  const { open: notify } = useNotification();
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { control, handleSubmit, watch, formState } = useForm<{ reason: string }>({ defaultValues: { reason: "" } });
  const empty = (watch("reason") ?? "").trim() === "";

  const submit = handleSubmit(async ({ reason }) => {
    setFailure(null);
    try {
      await deleteRecord(record.id, record.row_version, reason.trim());
      setOpen(false);
      notify?.({ type: "success", message: t("records.show.deleted") });
      await refresh();
      navigate(`/s/${serviceKey}`, { replace: true });
    } catch (e) {
      setFailure(errorText(e));
    }
  });

  return (
    <>
      <Button danger icon={<DeleteOutlined />} onClick={() => setOpen(true)}>
        {t("records.show.delete")}
      </Button>
      <Modal
        open={open}
        title={t("records.show.deleteTitle")}
        okText={t("records.show.delete")}
        okButtonProps={{ danger: true, disabled: empty, loading: formState.isSubmitting }}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
      >
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary">{t("records.show.deleteHint")}</Typography.Paragraph>
        {/* layout only: the value lives in react-hook-form */}
        <Form layout="vertical" component={false}>
          <Form.Item label={t("records.show.deleteReason")} htmlFor="delete-reason" required>
            <Controller name="reason" control={control} render={({ field }) => <Input.TextArea id="delete-reason" rows={3} maxLength={500} {...field} />} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

// 查看原文: a sensitive answer shown unmasked once, after the user states why (logged by the
// database). Offered only to roles granted view_sensitive; the database refuses everyone else.
import { EyeOutlined } from "@ant-design/icons";
import { Alert, Button, Input, Modal, Space, Typography } from "antd";
import { useState } from "react";
import { useT } from "@/i18n";
import { unmaskRecordField } from "@/data/unmaskRecordField";
import { useErrorText } from "../shared/useErrorText";

const MIN_REASON = 4;

export function UnmaskButton({ recordId, fieldKey, fieldLabel }: { recordId: string; fieldKey: string; fieldLabel: string }) {
  const t = useT();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const tooShort = reason.trim().length < MIN_REASON;

  const close = () => {
    setOpen(false);
    setReason("");
    setValue(null);
    setError(null);
  };
  const reveal = async () => {
    setLoading(true);
    setError(null);
    try {
      const original = await unmaskRecordField(recordId, fieldKey, reason.trim());
      setValue(typeof original === "string" ? original : JSON.stringify(original));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setOpen(true)} aria-label={`${t("records.unmask.button")} ${fieldLabel}`}>
        {t("records.unmask.button")}
      </Button>
      <Modal
        open={open}
        title={t("records.unmask.title", { field: fieldLabel })}
        onCancel={close}
        okText={t("records.unmask.confirm")}
        okButtonProps={{ disabled: tooShort || value !== null, loading }}
        onOk={() => void reveal()}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: "100%" }}>
          <Alert type="warning" showIcon message={t("records.unmask.notice")} />
          <label htmlFor="unmask-reason">{t("records.unmask.reason")}</label>
          <Input.TextArea
            id="unmask-reason"
            value={reason}
            maxLength={200}
            placeholder={t("records.unmask.reasonPlaceholder")}
            onChange={(e) => setReason(e.target.value)}
            disabled={value !== null}
          />
          {tooShort && reason.length > 0 && <Typography.Text type="danger">{t("records.unmask.reasonTooShort")}</Typography.Text>}
          {error && <Alert type="error" showIcon message={t("records.unmask.failed")} description={error} />}
          {value !== null && (
            <Alert
              type="success"
              showIcon
              message={
                <span>
                  {t("records.unmask.value")}：
                  <Typography.Text copyable strong>
                    {value}
                  </Typography.Text>
                </span>
              }
              description={t("records.unmask.logged")}
            />
          )}
        </Space>
      </Modal>
    </>
  );
}

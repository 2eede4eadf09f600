// Shows one sensitive value of a person in full, after a reason: the database checks
// view_sensitive in the person's grid, logs the access (sensitive_access_log) and returns it.
import { Alert, Button, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { unmaskResidentField, type ResidentSensitiveField } from "@/data/residents";
import { useT } from "@/i18n";
import { useErrorText } from "@/views/shared/useErrorText";

const minimumReason = 4;

interface Props {
  residentId: string;
  field: ResidentSensitiveField;
  fieldLabel: string;
  onShown(value: string | null): void;
}

export function UnmaskButton({ residentId, field, fieldLabel, onShown }: Props) {
  const t = useT();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const valid = reason.trim().length >= minimumReason;

  const show = async () => {
    if (!valid) return;
    setLoading(true);
    setError(null);
    try {
      onShown(await unmaskResidentField(residentId, field, reason.trim()));
      setOpen(false);
    } catch (thrown) {
      setError(errorText(thrown));
    } finally {
      setLoading(false);
    }
  };

  const inputId = `unmask-${field}-reason`;
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)} aria-label={t("residents.person.unmaskTitle", { field: fieldLabel })}>
        {t("residents.person.unmask")}
      </Button>
      <Modal
        open={open}
        title={t("residents.person.unmaskTitle", { field: fieldLabel })}
        okText={t("residents.person.unmaskOk")}
        okButtonProps={{ disabled: !valid, loading }}
        onOk={() => void show()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("residents.person.unmaskIntro")}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form layout="vertical" onFinish={() => void show()}>
          <Form.Item label={t("residents.person.unmaskReason")} htmlFor={inputId} required>
            <Input
              id={inputId}
              autoFocus
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t("residents.person.unmaskReasonPlaceholder")}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

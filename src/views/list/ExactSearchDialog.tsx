import { Button, Checkbox, Form, Input, Modal, Space, Typography } from "antd";
import { useState } from "react";
import { useT } from "@/i18n";

/** The reason given for exact searches, kept for this browser session so the counter is not slowed down. */
const storageKey = "cgs.exactSearchReason";
const minimumReason = 4;

export function rememberedSearchReason(): string | null {
  const reason = sessionStorage.getItem(storageKey);
  return reason && reason.trim().length >= minimumReason ? reason : null;
}

interface ExactSearchDialogProps {
  /** the full ID number or phone to search for; null: closed */
  value: string | null;
  onCancel(): void;
  onSearch(reason: string): void;
}

/** Asks why, once per session (typed, or one of the usual reasons in a click), before a search by a full ID number or phone. */
export function ExactSearchDialog({ value, onCancel, onSearch }: ExactSearchDialogProps) {
  const t = useT();
  const [reason, setReason] = useState("");
  const [remember, setRemember] = useState(true);
  const reasons = [t("records.list.exactReasons.counter"), t("records.list.exactReasons.callback"), t("records.list.exactReasons.assigned")];
  const valid = reason.trim().length >= minimumReason;

  const search = () => {
    if (!valid) return;
    if (remember) sessionStorage.setItem(storageKey, reason.trim());
    onSearch(reason.trim());
  };

  return (
    <Modal
      open={value !== null}
      title={t("records.list.exactTitle")}
      okText={t("records.list.exactSearch")}
      okButtonProps={{ disabled: !valid }}
      onOk={search}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("records.list.exactIntro")}</Typography.Paragraph>
      <Form layout="vertical" onFinish={search}>
        <Form.Item label={t("records.list.exactReason")} htmlFor="exact-search-reason" required>
          <Input
            id="exact-search-reason"
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t("records.list.exactReasonPlaceholder")}
          />
        </Form.Item>
        {/* The usual reasons as one-click choices beside the box: a dropdown would cover 查找. */}
        <Space wrap size={[8, 8]} style={{ marginBottom: 12 }}>
          {reasons.map((r) => (
            <Button key={r} size="small" type={reason === r ? "primary" : "dashed"} onClick={() => setReason(r)}>
              {r}
            </Button>
          ))}
        </Space>
        <Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)}>
          {t("records.list.exactReasonRemembered")}
        </Checkbox>
      </Form>
    </Modal>
  );
}

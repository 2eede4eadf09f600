import { AutoComplete, Checkbox, Form, Modal, Typography } from "antd";
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

/** Asks why, once per session (a short list to pick from), before a search by a full ID number or phone. */
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
          <AutoComplete
            id="exact-search-reason"
            autoFocus
            options={reasons.map((r) => ({ value: r }))}
            value={reason}
            onChange={setReason}
            placeholder={t("records.list.exactReasonPlaceholder")}
          />
        </Form.Item>
        <Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)}>
          {t("records.list.exactReasonRemembered")}
        </Checkbox>
      </Form>
    </Modal>
  );
}

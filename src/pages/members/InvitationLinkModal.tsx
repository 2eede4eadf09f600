import { CopyOutlined } from "@ant-design/icons";
import { useNotification } from "@refinedev/core";
import { Button, Flex, Input, Modal, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useId } from "react";
import { useT } from "@/i18n";
import { invitationLink } from "@/lib/domain/invitationLink";
import type { IssuedInvitation } from "@/data/invitations";
import { InvitationQrCode } from "./InvitationQrCode";

/**
 * The link of a just created or re-issued invitation, with its QR code: the only time the
 * administrator sees the secret, which the database keeps only as a hash.
 */
export function InvitationLinkModal({
  issued,
  unitName,
  roleName,
  onClose,
}: {
  issued: IssuedInvitation | null;
  unitName: string;
  roleName: string;
  onClose: () => void;
}) {
  const t = useT();
  const { open } = useNotification();
  const inputId = useId();
  const link = issued ? invitationLink(issued.token, window.location.origin) : "";

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      open?.({ type: "success", message: t("invitations.copied"), key: "invitation-link-copy" });
    } catch {
      open?.({ type: "error", message: t("invitations.copyFailed"), key: "invitation-link-copy" });
    }
  }

  return (
    <Modal
      open={issued !== null}
      title={t("invitations.linkTitle")}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t("invitations.done")}
        </Button>
      }
      destroyOnHidden
    >
      {issued && (
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <Typography.Paragraph style={{ margin: 0 }}>{t("invitations.linkIntro", { role: roleName, unit: unitName })}</Typography.Paragraph>
          <div>
            <label htmlFor={inputId}>{t("invitations.linkLabel")}</label>
            <Space.Compact style={{ width: "100%", marginTop: 4 }}>
              <Input id={inputId} readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
              <Button icon={<CopyOutlined />} onClick={() => void copy()}>
                {t("invitations.copy")}
              </Button>
            </Space.Compact>
          </div>
          <Flex justify="center">
            <InvitationQrCode link={link} />
          </Flex>
          <Typography.Text type="secondary">{t("invitations.linkOnce", { expires: dayjs(issued.expires_at).format("YYYY-MM-DD HH:mm") })}</Typography.Text>
        </Space>
      )}
    </Modal>
  );
}

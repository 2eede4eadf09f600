import { Descriptions, Typography } from "antd";
import dayjs from "dayjs";
import { useLocale, useT } from "@/i18n";
import type { PendingInvitationPreview } from "@/data/invitations";

/** Who invites the visitor to which unit and role: all the join page knows before the claim. */
export function InvitationSummary({ preview }: { preview: PendingInvitationPreview }) {
  const t = useT();
  const locale = useLocale();
  const role = locale === "en" ? preview.role_name_en : preview.role_name;
  return (
    <section aria-label={t("join.title")}>
      <Typography.Paragraph strong style={{ fontSize: 16 }}>
        {preview.inviter_name ? t("join.invitedBy", { inviter: preview.inviter_name }) : t("join.invitedAnonymously")}
      </Typography.Paragraph>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t("join.unit")}>
          <Typography.Text strong>{preview.org_unit_name}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{preview.org_unit_path.join(" / ")}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("join.role")}>{role}</Descriptions.Item>
        <Descriptions.Item label={t("join.expiresAt")}>{dayjs(preview.expires_at).format("YYYY-MM-DD HH:mm")}</Descriptions.Item>
      </Descriptions>
    </section>
  );
}

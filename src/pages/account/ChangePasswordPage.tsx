import { Alert, Card, Typography } from "antd";
import { useState } from "react";
import { useT, type TranslationKey } from "@/i18n";
import { toHttpError } from "@/lib/supabase/errors";
import { changePassword } from "@/data/account";
import { NewPasswordForm, type NewPasswordValues } from "./NewPasswordForm";

/** GoTrue codes a password change can meet, with what to tell the user. */
const problemByCode: Record<string, TranslationKey> = {
  invalid_credentials: "account.currentPasswordWrong",
  same_password: "account.samePassword",
  weak_password: "account.passwordNeedsLettersAndDigits",
  over_request_rate_limit: "errors.rateLimited",
};

/** 修改密码: the current password again, the new one twice; other devices are signed out. */
export default function ChangePasswordPage() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ type: "success" | "error"; key: TranslationKey } | null>(null);

  const onSubmit = async ({ currentPassword, newPassword }: NewPasswordValues) => {
    setBusy(true);
    setOutcome(null);
    try {
      await changePassword(currentPassword, newPassword);
      setOutcome({ type: "success", key: "account.passwordChanged" });
    } catch (error) {
      const { code } = toHttpError(error);
      setOutcome({ type: "error", key: (code && problemByCode[code]) || toHttpError(error).i18nKey });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 480 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t("account.changePassword")}
      </Typography.Title>
      {outcome && (
        <Alert role={outcome.type === "error" ? "alert" : "status"} type={outcome.type} showIcon message={t(outcome.key)} style={{ marginBottom: 16 }} />
      )}
      <NewPasswordForm askCurrent submitLabel="account.changePasswordSubmit" busy={busy} onSubmit={onSubmit} />
    </Card>
  );
}

import { Alert, Typography, theme } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { PublicPageCard } from "@/components/PublicPageCard";
import { useT, type TranslationKey } from "@/i18n";
import { credentialsFor } from "@/lib/domain/phone";
import { requestPasswordReset, requestSmsCode, setNewPassword, signInWithSmsCode } from "@/data/account";
import { isLocalStack } from "@/data/client";
import { toHttpError } from "@/lib/supabase/errors";
import { NewPasswordForm, type NewPasswordValues } from "../account/NewPasswordForm";
import { ForgotIdentifierForm, SmsCodeForm } from "./ForgotPasswordForms";

type Stage = { name: "ask" } | { name: "mailSent" } | { name: "code"; phone: string } | { name: "newPassword" };

const problemByCode: Record<string, TranslationKey> = {
  over_email_send_rate_limit: "account.resetTooSoon",
  over_sms_send_rate_limit: "account.resetTooSoon",
  otp_expired: "account.codeInvalid",
  same_password: "account.samePassword",
  weak_password: "account.passwordNeedsLettersAndDigits",
};

/**
 * 忘记密码. By e-mail: GoTrue mails a reset link (→ /reset-password). By phone: an SMS code signs
 * the user in here, then they set a new password. Answers never say whether an account exists.
 * On the local stack both messages land in the local mailbox, which is linked.
 */
export default function ForgotPasswordPage() {
  const t = useT();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [stage, setStage] = useState<Stage>({ name: "ask" });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<TranslationKey | null>(null);

  const attempt = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      const http = toHttpError(error);
      setProblem((http.code && problemByCode[http.code]) || http.i18nKey);
    } finally {
      setBusy(false);
    }
  };

  const onIdentifier = (identifier: string) =>
    attempt(async () => {
      const credentials = credentialsFor(identifier);
      if ("email" in credentials) {
        await requestPasswordReset(credentials.email);
        setStage({ name: "mailSent" });
      } else {
        await requestSmsCode(credentials.phone);
        setStage({ name: "code", phone: credentials.phone });
      }
    });

  const onCode = (phone: string, code: string) =>
    attempt(async () => {
      await signInWithSmsCode(phone, code);
      setStage({ name: "newPassword" });
    });

  const onNewPassword = ({ newPassword }: NewPasswordValues) =>
    attempt(async () => {
      await setNewPassword(newPassword);
      navigate("/", { replace: true });
    });

  const mailboxLink = isLocalStack ? <a href="/_mailbox">{t("account.openLocalMailbox")}</a> : undefined;

  return (
    <PublicPageCard title={t(stage.name === "newPassword" ? "account.resetTitle" : "account.forgotTitle")}>
      {problem && <Alert role="alert" type="error" showIcon message={t(problem)} style={{ marginBottom: token.marginMD }} />}
      {stage.name === "ask" && (
        <>
          <Typography.Paragraph type="secondary">{t("account.forgotHint")}</Typography.Paragraph>
          <ForgotIdentifierForm busy={busy} onSubmit={onIdentifier} />
        </>
      )}
      {stage.name === "mailSent" && <Alert role="status" type="success" showIcon message={t("account.resetSent")} description={mailboxLink} />}
      {stage.name === "code" && (
        <>
          <Alert role="status" type="info" showIcon message={t("account.codeSent")} description={mailboxLink} style={{ marginBottom: token.marginMD }} />
          <SmsCodeForm busy={busy} onSubmit={(code) => onCode(stage.phone, code)} />
        </>
      )}
      {stage.name === "newPassword" && <NewPasswordForm askCurrent={false} submitLabel="account.setNewPassword" busy={busy} onSubmit={onNewPassword} />}
      <Typography.Paragraph style={{ marginTop: token.marginMD, marginBottom: 0, textAlign: "center" }}>
        <Link to="/login">{t("account.backToLogin")}</Link>
      </Typography.Paragraph>
    </PublicPageCard>
  );
}

import { Alert, theme } from "antd";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { PublicPageCard } from "@/components/PublicPageCard";
import { PageLoading } from "@/components/PageLoading";
import { useT, type TranslationKey } from "@/i18n";
import { sessionFromRecoveryLink, setNewPassword } from "@/data/account";
import { toHttpError } from "@/lib/supabase/errors";
import { NewPasswordForm, type NewPasswordValues } from "../account/NewPasswordForm";

type Stage = { name: "checking" } | { name: "invalid"; code: string } | { name: "ready" };

const problemByCode: Record<string, TranslationKey> = {
  same_password: "account.samePassword",
  weak_password: "account.passwordNeedsLettersAndDigits",
};

/** Where a recovery link lands: signed in by the link, the user sets a new password. */
export default function ResetPasswordPage() {
  const t = useT();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [stage, setStage] = useState<Stage>({ name: "checking" });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<TranslationKey | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // Once: the link's tokens are single-use and leave the address bar on the first read.
    if (started.current) return;
    started.current = true;
    sessionFromRecoveryLink(window.location).then(
      (outcome) => setStage(outcome.ok ? { name: "ready" } : { name: "invalid", code: outcome.code }),
      () => setStage({ name: "invalid", code: "otp_expired" }),
    );
  }, []);

  const onSubmit = async ({ newPassword }: NewPasswordValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await setNewPassword(newPassword);
      navigate("/", { replace: true });
    } catch (error) {
      const http = toHttpError(error);
      setProblem((http.code && problemByCode[http.code]) || http.i18nKey);
    } finally {
      setBusy(false);
    }
  };

  if (stage.name === "checking") return <PageLoading />;
  return (
    <PublicPageCard title={t("account.resetTitle")}>
      {stage.name === "invalid" ? (
        <Alert
          role="alert"
          type="error"
          showIcon
          message={t(stage.code === "user_banned" ? "errors.userBanned" : "account.linkInvalid")}
          description={<Link to="/forgot-password">{t("account.requestAnotherLink")}</Link>}
        />
      ) : (
        <>
          {problem && <Alert role="alert" type="error" showIcon message={t(problem)} style={{ marginBottom: token.marginMD }} />}
          <NewPasswordForm askCurrent={false} submitLabel="account.setNewPassword" busy={busy} onSubmit={onSubmit} />
        </>
      )}
    </PublicPageCard>
  );
}

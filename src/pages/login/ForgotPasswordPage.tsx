import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from "antd";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Link } from "react-router";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useT, type TranslationKey } from "../../i18n";
import { emailPattern } from "../../lib/domain/access";
import { requestPasswordReset } from "../../lib/supabase/account";
import { isLocalStack } from "../../lib/supabase/client";
import { toHttpError } from "../../lib/supabase/errors";

type Values = { email: string };

const problemByCode: Record<string, TranslationKey> = {
  over_email_send_rate_limit: "account.resetTooSoon",
  over_request_rate_limit: "errors.rateLimited",
};

/** 忘记密码: GoTrue mails a recovery link (locally: to the mailbox page); the answer never says whether the address has an account. */
export default function ForgotPasswordPage() {
  const t = useT();
  const { token } = theme.useToken();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<TranslationKey | null>(null);
  const { control, handleSubmit } = useForm<Values>({ defaultValues: { email: "" }, mode: "onTouched" });

  const onSubmit = async ({ email }: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      await requestPasswordReset(email);
      setSent(true);
    } catch (error) {
      const http = toHttpError(error);
      setProblem((http.code && problemByCode[http.code]) || http.i18nKey);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical style={{ minHeight: "100vh", background: token.colorBgLayout }}>
      <Flex justify="flex-end" style={{ padding: token.paddingMD }}>
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} justify="center" align="flex-start" style={{ padding: `${token.paddingXL}px ${token.padding}px` }}>
        <Card style={{ width: "100%", maxWidth: 420 }}>
          <Typography.Title level={3} style={{ marginTop: 0, textAlign: "center" }}>
            {t("account.forgotTitle")}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t("account.forgotHint")}</Typography.Paragraph>
          {problem && <Alert role="alert" type="error" showIcon message={t(problem)} style={{ marginBottom: token.marginMD }} />}
          {sent ? (
            <Alert
              role="status"
              type="success"
              showIcon
              message={t("account.resetSent")}
              description={isLocalStack ? <a href="/_mailbox">{t("account.openLocalMailbox")}</a> : undefined}
            />
          ) : (
            <Form layout="vertical" component={false} requiredMark={false}>
              <form noValidate onSubmit={handleSubmit(onSubmit)} aria-label={t("account.forgotTitle")}>
                <Controller
                  name="email"
                  control={control}
                  rules={{ validate: (value) => (emailPattern.test(value.trim()) ? true : ("account.emailInvalid" satisfies TranslationKey)) }}
                  render={({ field, fieldState }) => (
                    <Form.Item
                      label={t("account.email")}
                      htmlFor="forgot-email"
                      validateStatus={fieldState.error ? "error" : undefined}
                      help={fieldState.error?.message ? t(fieldState.error.message as TranslationKey) : undefined}
                    >
                      <Input {...field} id="forgot-email" size="large" autoComplete="email" aria-invalid={fieldState.invalid} />
                    </Form.Item>
                  )}
                />
                <Button type="primary" htmlType="submit" size="large" block loading={busy}>
                  {t("account.sendResetLink")}
                </Button>
              </form>
            </Form>
          )}
          <Typography.Paragraph style={{ marginTop: token.marginMD, marginBottom: 0, textAlign: "center" }}>
            <Link to="/login">{t("account.backToLogin")}</Link>
          </Typography.Paragraph>
        </Card>
      </Flex>
    </Flex>
  );
}

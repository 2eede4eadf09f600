import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { useLogin } from "@refinedev/core";
import { Alert, Button, Form, Input, Typography, theme } from "antd";
import { useState } from "react";
import { Controller, useForm, type FieldError } from "react-hook-form";
import { Link } from "react-router";
import { PublicPageCard } from "@/components/PublicPageCard";
import { useT, type TranslationKey } from "@/i18n";
import { isLocalStack } from "@/data/client";
import { DemoAccountsHint } from "./DemoAccountsHint";
import { identifierProblem } from "./identifierProblem";

type LoginValues = { identifier: string; password: string };

function errorKeyOf(error: unknown): TranslationKey {
  if (typeof error === "object" && error !== null && "i18nKey" in error && typeof error.i18nKey === "string") {
    return error.i18nKey as TranslationKey;
  }
  return "errors.unknown";
}

export default function LoginPage() {
  const t = useT();
  // Validation messages are stored as dictionary keys and translated at render time, so they
  // follow a language switch.
  const messageOf = (error: FieldError | undefined) => (error?.message ? t(error.message as TranslationKey) : undefined);
  const { token } = theme.useToken();
  const { mutate: login, isPending } = useLogin<LoginValues>();
  // Kept as a key, not a message, so switching the language re-translates it.
  const [failure, setFailure] = useState<TranslationKey | null>(null);
  const { control, handleSubmit } = useForm<LoginValues>({
    defaultValues: { identifier: "", password: "" },
    mode: "onTouched",
  });

  const onSubmit = (values: LoginValues) => {
    setFailure(null);
    login(values, {
      onSuccess: (result) => {
        if (!result.success) setFailure(errorKeyOf(result.error));
      },
      onError: (error) => setFailure(errorKeyOf(error)),
    });
  };

  return (
    <PublicPageCard title={t("app.title")}>
      <Typography.Paragraph type="secondary" style={{ textAlign: "center" }}>
        {t("login.subtitle")}
      </Typography.Paragraph>

      {failure && <Alert type="error" showIcon message={t(failure)} style={{ marginBottom: token.marginMD }} />}

      {/* antd Form only for layout (component={false} renders no <form> and holds no values):
              react-hook-form owns the state. */}
      <Form layout="vertical" component={false} requiredMark={false}>
        <form noValidate onSubmit={handleSubmit(onSubmit)} aria-label={t("login.title")}>
          <Controller
            name="identifier"
            control={control}
            rules={{ validate: (value) => identifierProblem(value) ?? true }}
            render={({ field, fieldState }) => (
              <Form.Item
                label={t("login.identifierLabel")}
                htmlFor="login-identifier"
                validateStatus={fieldState.error ? "error" : undefined}
                help={messageOf(fieldState.error)}
              >
                <Input
                  {...field}
                  id="login-identifier"
                  size="large"
                  autoComplete="username"
                  prefix={<UserOutlined aria-hidden />}
                  placeholder={t("login.identifierPlaceholder")}
                  aria-invalid={fieldState.invalid}
                />
              </Form.Item>
            )}
          />
          <Controller
            name="password"
            control={control}
            rules={{ required: "login.passwordRequired" satisfies TranslationKey }}
            render={({ field, fieldState }) => (
              <Form.Item
                label={t("login.passwordLabel")}
                htmlFor="login-password"
                validateStatus={fieldState.error ? "error" : undefined}
                help={messageOf(fieldState.error)}
              >
                <Input.Password
                  {...field}
                  id="login-password"
                  size="large"
                  autoComplete="current-password"
                  prefix={<LockOutlined aria-hidden />}
                  aria-invalid={fieldState.invalid}
                />
              </Form.Item>
            )}
          />
          <Button type="primary" htmlType="submit" size="large" block loading={isPending}>
            {t("login.submit")}
          </Button>
        </form>
      </Form>
      <Typography.Paragraph style={{ marginTop: token.marginSM, marginBottom: 0, textAlign: "right" }}>
        <Link to="/forgot-password">{t("account.forgotPassword")}</Link>
      </Typography.Paragraph>

      {isLocalStack && <DemoAccountsHint />}
    </PublicPageCard>
  );
}

import { Button, Form, Input } from "antd";
import { Controller, useForm } from "react-hook-form";
import { useT, type TranslationKey } from "@/i18n";
import { identifierProblem } from "./identifierProblem";

/** The e-mail address or phone number of the account to recover. */
export function ForgotIdentifierForm({ busy, onSubmit }: { busy: boolean; onSubmit: (identifier: string) => void }) {
  const t = useT();
  const { control, handleSubmit } = useForm<{ identifier: string }>({ defaultValues: { identifier: "" }, mode: "onTouched" });
  return (
    <Form layout="vertical" component={false} requiredMark={false}>
      <form noValidate onSubmit={handleSubmit(({ identifier }) => onSubmit(identifier))} aria-label={t("account.forgotTitle")}>
        <Controller
          name="identifier"
          control={control}
          rules={{ validate: (value) => identifierProblem(value) ?? true }}
          render={({ field, fieldState }) => (
            <Form.Item
              label={t("account.identifier")}
              htmlFor="forgot-identifier"
              validateStatus={fieldState.error ? "error" : undefined}
              help={fieldState.error?.message ? t(fieldState.error.message as TranslationKey) : undefined}
            >
              <Input {...field} id="forgot-identifier" size="large" autoComplete="username" aria-invalid={fieldState.invalid} />
            </Form.Item>
          )}
        />
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          {t("account.sendResetLink")}
        </Button>
      </form>
    </Form>
  );
}

/** The 6-digit code from the SMS. */
export function SmsCodeForm({ busy, onSubmit }: { busy: boolean; onSubmit: (code: string) => void }) {
  const t = useT();
  const { control, handleSubmit } = useForm<{ code: string }>({ defaultValues: { code: "" }, mode: "onTouched" });
  return (
    <Form layout="vertical" component={false} requiredMark={false}>
      <form noValidate onSubmit={handleSubmit(({ code }) => onSubmit(code))}>
        <Controller
          name="code"
          control={control}
          rules={{ validate: (value) => (/^\s*\d{6}\s*$/.test(value) ? true : ("account.codeInvalid" satisfies TranslationKey)) }}
          render={({ field, fieldState }) => (
            <Form.Item
              label={t("account.code")}
              htmlFor="forgot-code"
              validateStatus={fieldState.error ? "error" : undefined}
              help={fieldState.error?.message ? t(fieldState.error.message as TranslationKey) : undefined}
            >
              <Input
                {...field}
                id="forgot-code"
                size="large"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                aria-invalid={fieldState.invalid}
              />
            </Form.Item>
          )}
        />
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          {t("account.verifyCode")}
        </Button>
      </form>
    </Form>
  );
}

import { Button, Form, Input } from "antd";
import { Controller, useForm, type FieldError } from "react-hook-form";
import { useT, type TranslationKey } from "@/i18n";
import { passwordProblem } from "./passwordProblem";

export type NewPasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };

type Props = {
  /** Ask for the current password too (changing it while signed in; not after a recovery link). */
  askCurrent: boolean;
  submitLabel: TranslationKey;
  busy: boolean;
  onSubmit: (values: NewPasswordValues) => void;
};

/** New password twice, with the strength GoTrue is configured to require, and optionally the current one. */
export function NewPasswordForm({ askCurrent, submitLabel, busy, onSubmit }: Props) {
  const t = useT();
  const messageOf = (error: FieldError | undefined) => (error?.message ? t(error.message as TranslationKey) : undefined);
  const { control, handleSubmit, getValues } = useForm<NewPasswordValues>({
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    mode: "onTouched",
  });
  const field = (name: keyof NewPasswordValues, label: TranslationKey, autoComplete: string, validate: (value: string) => true | TranslationKey) => (
    <Controller
      name={name}
      control={control}
      rules={{ validate }}
      render={({ field: input, fieldState }) => (
        <Form.Item label={t(label)} htmlFor={`account-${name}`} validateStatus={fieldState.error ? "error" : undefined} help={messageOf(fieldState.error)}>
          <Input.Password {...input} id={`account-${name}`} autoComplete={autoComplete} aria-invalid={fieldState.invalid} />
        </Form.Item>
      )}
    />
  );
  return (
    // antd Form only for layout: react-hook-form owns the state.
    <Form layout="vertical" component={false} requiredMark={false}>
      <form noValidate onSubmit={handleSubmit(onSubmit)}>
        {askCurrent && field("currentPassword", "account.currentPassword", "current-password", (value) => (value ? true : "account.currentPasswordRequired"))}
        {field("newPassword", "account.newPassword", "new-password", (value) => passwordProblem(value) ?? true)}
        {field("confirmPassword", "account.confirmPassword", "new-password", (value) =>
          value === getValues("newPassword") ? true : "account.passwordsDiffer",
        )}
        <Form.Item extra={t("account.passwordRule")}>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t(submitLabel)}
          </Button>
        </Form.Item>
      </form>
    </Form>
  );
}

import { Button, Form, Input, Tabs } from "antd";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { credentialsFor } from "@/lib/domain/phone";
import { useT, type TranslationKey } from "@/i18n";
import { signInForInvitation, signUpForInvitation } from "@/data/joinAccount";
import { passwordProblem } from "../account/passwordProblem";
import { identifierProblem } from "../login/identifierProblem";
import { FormRow } from "../members/FormRow";

type SignUpValues = { identifier: string; displayName: string; password: string };
type SignInValues = { identifier: string; password: string };

const identifierRule = { validate: (value: string) => identifierProblem(value) ?? true };
// The strength GoTrue is configured to require (8+, letters and digits), so sign-up is not refused after the fact.
const newPasswordRule = { validate: (value: string) => passwordProblem(value) ?? true };
const displayNameRule = {
  validate: (value: string) =>
    !value.trim()
      ? ("join.displayNameRequired" satisfies TranslationKey)
      : value.trim().length > 60
        ? ("join.displayNameTooLong" satisfies TranslationKey)
        : true,
};

type Props = {
  /** The account is signed in: claim now. */
  onSignedIn: () => Promise<void>;
  /** Sign-up worked but the account must be confirmed before it can sign in. */
  onConfirmationNeeded: () => void;
  onFailure: (error: unknown) => void;
  busy: boolean;
  setBusy: (busy: boolean) => void;
};

/** Sign up (phone or e-mail, name, password) or sign in, on the join page, keeping the link. */
export function JoinAccountForms(props: Props) {
  const t = useT();
  const [tab, setTab] = useState<"signUp" | "signIn">("signUp");
  return (
    <Tabs
      activeKey={tab}
      onChange={(key) => setTab(key === "signIn" ? "signIn" : "signUp")}
      destroyOnHidden
      items={[
        { key: "signUp", label: t("join.signUpTab"), children: <SignUpForm {...props} /> },
        { key: "signIn", label: t("join.signInTab"), children: <SignInForm {...props} /> },
      ]}
    />
  );
}

async function step(props: Props, action: () => Promise<boolean>) {
  props.setBusy(true);
  try {
    if (await action()) await props.onSignedIn();
  } catch (e) {
    props.onFailure(e);
  } finally {
    props.setBusy(false);
  }
}

function SignUpForm(props: Props) {
  const t = useT();
  const { control, handleSubmit } = useForm<SignUpValues>({ defaultValues: { identifier: "", displayName: "", password: "" }, mode: "onTouched" });
  const submit = handleSubmit(({ identifier, displayName, password }) =>
    step(props, async () => {
      const { signedIn } = await signUpForInvitation(credentialsFor(identifier), password, displayName.trim());
      if (!signedIn) props.onConfirmationNeeded();
      return signedIn;
    }),
  );
  return (
    <Form layout="vertical" component={false} requiredMark={false}>
      <form noValidate onSubmit={(e) => void submit(e)} aria-label={t("join.signUpTab")}>
        <Controller
          name="identifier"
          control={control}
          rules={identifierRule}
          render={({ field, fieldState }) => (
            <FormRow label={t("join.identifierLabel")} htmlFor="join-identifier" error={fieldState.error}>
              <Input {...field} id="join-identifier" autoComplete="username" placeholder={t("login.identifierPlaceholder")} aria-invalid={fieldState.invalid} />
            </FormRow>
          )}
        />
        <Controller
          name="displayName"
          control={control}
          rules={displayNameRule}
          render={({ field, fieldState }) => (
            <FormRow label={t("join.displayNameLabel")} htmlFor="join-name" error={fieldState.error}>
              <Input
                {...field}
                id="join-name"
                autoComplete="name"
                maxLength={60}
                placeholder={t("join.displayNamePlaceholder")}
                aria-invalid={fieldState.invalid}
              />
            </FormRow>
          )}
        />
        <Controller
          name="password"
          control={control}
          rules={newPasswordRule}
          render={({ field, fieldState }) => (
            <FormRow label={t("join.passwordLabel")} htmlFor="join-password" error={fieldState.error}>
              <Input.Password {...field} id="join-password" autoComplete="new-password" aria-invalid={fieldState.invalid} />
            </FormRow>
          )}
        />
        <Button type="primary" htmlType="submit" block size="large" loading={props.busy}>
          {t("join.signUpSubmit")}
        </Button>
      </form>
    </Form>
  );
}

function SignInForm(props: Props) {
  const t = useT();
  const { control, handleSubmit } = useForm<SignInValues>({ defaultValues: { identifier: "", password: "" }, mode: "onTouched" });
  const submit = handleSubmit(({ identifier, password }) =>
    step(props, async () => {
      await signInForInvitation(credentialsFor(identifier), password);
      return true;
    }),
  );
  return (
    <Form layout="vertical" component={false} requiredMark={false}>
      <form noValidate onSubmit={(e) => void submit(e)} aria-label={t("join.signInTab")}>
        <Controller
          name="identifier"
          control={control}
          rules={identifierRule}
          render={({ field, fieldState }) => (
            <FormRow label={t("join.identifierLabel")} htmlFor="join-signin-identifier" error={fieldState.error}>
              <Input {...field} id="join-signin-identifier" autoComplete="username" aria-invalid={fieldState.invalid} />
            </FormRow>
          )}
        />
        <Controller
          name="password"
          control={control}
          rules={{ required: "login.passwordRequired" satisfies TranslationKey }}
          render={({ field, fieldState }) => (
            <FormRow label={t("join.passwordLabel")} htmlFor="join-signin-password" error={fieldState.error}>
              <Input.Password {...field} id="join-signin-password" autoComplete="current-password" aria-invalid={fieldState.invalid} />
            </FormRow>
          )}
        />
        <Button type="primary" htmlType="submit" block size="large" loading={props.busy}>
          {t("join.signInSubmit")}
        </Button>
      </form>
    </Form>
  );
}

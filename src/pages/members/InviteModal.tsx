import { useForm } from "@refinedev/react-hook-form";
import type { HttpError } from "@refinedev/core";
import { Alert, Form, Input, Modal } from "antd";
import { Controller } from "react-hook-form";
import { useT, type TranslationKey } from "../../i18n";
import { invitationContact, type Invitation } from "../../lib/domain/access";
import { FormRow } from "./FormRow";
import { RoleSelect } from "./RoleSelect";
import { ScopeUnitSelect } from "./ScopeUnitSelect";
import { useAdminScope } from "./useAdminScope";

/**
 * The form's values and the insert share one type: `contact` is what the administrator typed,
 * sent as `phone` or `email` (the database normalises both as sign-up will store them).
 */
type InvitationValues = { contact?: string; phone?: string; email?: string; org_unit_id?: string; role_key?: string };

function contactProblem(value: string | undefined): TranslationKey | true {
  if (!value?.trim()) return "invitations.contactRequired";
  return invitationContact(value) ? true : "invitations.contactInvalid";
}

export function InviteModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const scope = useAdminScope();
  const {
    control,
    handleSubmit,
    reset,
    watch,
    setValue,
    refineCore: { onFinish, mutation },
  } = useForm<Invitation, HttpError, InvitationValues>({
    defaultValues: { contact: "", org_unit_id: undefined, role_key: undefined },
    warnWhenUnsavedChanges: false,
    refineCoreProps: {
      resource: "invitations",
      action: "create",
      redirect: false,
      successNotification: () => ({ type: "success", message: t("invitations.created") }),
      onMutationSuccess: () => close(),
    },
  });
  const unitId = watch("org_unit_id");

  function close() {
    reset();
    onClose();
  }

  const submit = handleSubmit(({ contact, org_unit_id, role_key }) => onFinish({ ...invitationContact(contact ?? ""), org_unit_id, role_key }));

  return (
    <Modal
      open={open}
      title={t("invitations.inviteTitle")}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      confirmLoading={mutation.isPending}
      onOk={submit}
      onCancel={close}
      destroyOnHidden
    >
      <Alert type="info" showIcon message={t("invitations.inviteHint")} style={{ marginBottom: 16 }} />
      <Form layout="vertical" component={false} requiredMark={false}>
        <Controller
          name="contact"
          control={control}
          rules={{ validate: contactProblem }}
          render={({ field, fieldState }) => (
            <FormRow label={t("invitations.contactLabel")} htmlFor="invitation-contact" error={fieldState.error}>
              <Input {...field} id="invitation-contact" placeholder={t("invitations.contactPlaceholder")} aria-invalid={fieldState.invalid} autoComplete="off" />
            </FormRow>
          )}
        />
        <Controller
          name="org_unit_id"
          control={control}
          rules={{ required: "members.unitRequired" satisfies TranslationKey }}
          render={({ field, fieldState }) => (
            <FormRow label={t("members.fields.unit")} htmlFor="invitation-unit" error={fieldState.error}>
              <ScopeUnitSelect
                id="invitation-unit"
                units={scope.scopeUnits}
                value={field.value}
                onChange={(next) => {
                  field.onChange(next);
                  setValue("role_key", undefined);
                }}
                onBlur={field.onBlur}
                invalid={fieldState.invalid}
              />
            </FormRow>
          )}
        />
        <Controller
          name="role_key"
          control={control}
          rules={{ required: "members.roleRequired" satisfies TranslationKey }}
          render={({ field, fieldState }) => (
            <FormRow label={t("members.fields.role")} htmlFor="invitation-role" error={fieldState.error}>
              <RoleSelect
                id="invitation-role"
                roles={scope.assignableRoles(unitId)}
                disabled={!unitId}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                invalid={fieldState.invalid}
              />
            </FormRow>
          )}
        />
      </Form>
    </Modal>
  );
}

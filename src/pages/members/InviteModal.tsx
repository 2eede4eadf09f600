import { useInvalidate, useNotification } from "@refinedev/core";
import { Alert, Form, Input, Modal } from "antd";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useT, type TranslationKey } from "@/i18n";
import { invitationContact } from "@/lib/domain/access";
import { toHttpError } from "@/lib/supabase/errors";
import { createInvitation, type IssuedInvitation } from "@/data/invitations";
import { localizeError } from "@/i18n/localizeError";
import { FormRow } from "./FormRow";
import { RoleSelect } from "./RoleSelect";
import { ScopeUnitSelect } from "./ScopeUnitSelect";
import { useAdminScope } from "./useAdminScope";

/** `contact` is an optional note of whom the link is for, sent as `phone` or `email`; it grants nothing. */
type InvitationValues = { contact: string; org_unit_id?: string; role_key?: string };

function contactProblem(value: string): TranslationKey | true {
  if (!value.trim()) return true;
  return invitationContact(value) ? true : "invitations.contactInvalid";
}

/**
 * Creates an invitation through create_invitation(), which returns the link secret once; the
 * caller shows it (InvitationLinkModal). Not Refine's create: a table insert would return no secret.
 */
export function InviteModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (issued: IssuedInvitation) => void }) {
  const t = useT();
  const scope = useAdminScope();
  const invalidate = useInvalidate();
  const notification = useNotification();
  const [saving, setSaving] = useState(false);
  const { control, handleSubmit, reset, watch, setValue } = useForm<InvitationValues>({
    defaultValues: { contact: "", org_unit_id: undefined, role_key: undefined },
  });
  const unitId = watch("org_unit_id");

  function close() {
    reset();
    onClose();
  }

  const submit = handleSubmit(async ({ contact, org_unit_id, role_key }) => {
    setSaving(true);
    try {
      const issued = await createInvitation({ ...invitationContact(contact), org_unit_id: org_unit_id!, role_key: role_key! });
      notification.open?.({ type: "success", message: t("invitations.created"), key: "invitation-create" });
      reset();
      onCreated(issued);
    } catch (e) {
      notification.open?.({ type: "error", message: localizeError(toHttpError(e)).message, key: "invitation-create" });
    } finally {
      setSaving(false);
      await invalidate({ resource: "invitations", invalidates: ["list", "many"] });
    }
  });

  return (
    <Modal
      open={open}
      title={t("invitations.inviteTitle")}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Alert type="info" showIcon message={t("invitations.inviteHint")} style={{ marginBottom: 16 }} />
      <Form layout="vertical" component={false} requiredMark={false}>
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
        <Controller
          name="contact"
          control={control}
          rules={{ validate: contactProblem }}
          render={({ field, fieldState }) => (
            <FormRow label={t("invitations.contactLabel")} htmlFor="invitation-contact" error={fieldState.error}>
              <Input
                {...field}
                id="invitation-contact"
                placeholder={t("invitations.contactPlaceholder")}
                aria-invalid={fieldState.invalid}
                autoComplete="off"
              />
            </FormRow>
          )}
        />
      </Form>
    </Modal>
  );
}

import { useInvalidate, useNotification } from "@refinedev/core";
import { Alert, Form, Input, Modal } from "antd";
import { useState } from "react";
import { Controller, FormProvider, useForm } from "react-hook-form";
import { useT, type TranslationKey } from "@/i18n";
import { invitationContact } from "@/lib/domain/access";
import { toHttpError } from "@/lib/supabase/errors";
import { createInvitation, type IssuedInvitation } from "@/data/invitations";
import { localizeError } from "@/i18n/localizeError";
import { FormRow } from "./FormRow";
import { UnitRolePicker, type UnitRoleValues } from "./UnitRolePicker";
import { useAdminScope } from "./useAdminScope";

/** `contact` is an optional note of whom the link is for, sent as `phone` or `email`; it grants nothing. */
type InvitationValues = UnitRoleValues & { contact: string };

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
  const form = useForm<InvitationValues>({
    defaultValues: { contact: "", org_unit_id: undefined, role_key: undefined },
  });
  const { control, handleSubmit, reset } = form;

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
      <FormProvider {...form}>
        <Form layout="vertical" component={false} requiredMark={false}>
          <UnitRolePicker scope={scope} idPrefix="invitation" />
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
      </FormProvider>
    </Modal>
  );
}

import { useForm } from "@refinedev/react-hook-form";
import type { HttpError } from "@refinedev/core";
import { Form, Input, Modal } from "antd";
import { Controller } from "react-hook-form";
import { useT, type TranslationKey } from "@/i18n";
import { roleKeyPattern, type Role } from "@/lib/domain/access";
import { FormRow } from "./FormRow";
import { ScopeUnitSelect } from "./ScopeUnitSelect";
import { useAdminScope } from "./useAdminScope";

/** Key and owner are set once, at creation; afterwards only the names and description change (column grants). */
type RoleValues = { key?: string; owner_org_unit_id?: string; name: string; name_en: string; description: string };

const roleRequest = { idColumnName: "key", select: "key,name,name_en,description,is_preset,owner_org_unit_id,sort_order" };

/** Creates a custom role (`role` undefined) or renames one. Mounted only while open. */
export function RoleFormModal({ role, onClose }: { role?: Role; onClose: () => void }) {
  const t = useT();
  const scope = useAdminScope();
  const creating = role === undefined;
  const {
    control,
    handleSubmit,
    refineCore: { onFinish, mutation },
  } = useForm<Role, HttpError, RoleValues>({
    defaultValues: creating
      ? { key: "", owner_org_unit_id: scope.adminUnitIds[0], name: "", name_en: "", description: "" }
      : { name: role.name, name_en: role.name_en, description: role.description },
    warnWhenUnsavedChanges: false,
    refineCoreProps: {
      resource: "roles",
      action: creating ? "create" : "edit",
      id: role?.key,
      meta: roleRequest,
      redirect: false,
      successNotification: () => ({ type: "success", message: t(creating ? "roleAdmin.created" : "roleAdmin.saved") }),
      onMutationSuccess: () => onClose(),
    },
  });

  // An empty key is left to the database, which generates one.
  const submit = handleSubmit((values) => onFinish({ ...values, key: values.key?.trim() || undefined }));

  const text = (name: "name" | "name_en" | "description", label: TranslationKey, requiredKey?: TranslationKey) => (
    <Controller
      name={name}
      control={control}
      rules={requiredKey ? { validate: (value) => (value.trim() ? true : requiredKey) } : undefined}
      render={({ field, fieldState }) => (
        <FormRow label={t(label)} htmlFor={`role-${name}`} error={fieldState.error}>
          {name === "description" ? (
            <Input.TextArea {...field} id={`role-${name}`} rows={2} maxLength={200} />
          ) : (
            <Input {...field} id={`role-${name}`} maxLength={40} aria-invalid={fieldState.invalid} />
          )}
        </FormRow>
      )}
    />
  );

  return (
    <Modal
      open
      title={t(creating ? "roleAdmin.createTitle" : "roleAdmin.editTitle")}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      confirmLoading={mutation.isPending}
      onOk={submit}
      onCancel={onClose}
    >
      <Form layout="vertical" component={false} requiredMark={false}>
        {text("name", "roleAdmin.fields.name", "roleAdmin.nameRequired")}
        {text("name_en", "roleAdmin.fields.nameEn", "roleAdmin.nameEnRequired")}
        {text("description", "roleAdmin.fields.description")}
        {creating && (
          <>
            <Controller
              name="owner_org_unit_id"
              control={control}
              rules={{ required: "roleAdmin.ownerRequired" satisfies TranslationKey }}
              render={({ field, fieldState }) => (
                <FormRow label={t("roleAdmin.fields.owner")} htmlFor="role-owner" error={fieldState.error}>
                  <ScopeUnitSelect
                    id="role-owner"
                    units={scope.scopeUnits}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    invalid={fieldState.invalid}
                  />
                </FormRow>
              )}
            />
            <Controller
              name="key"
              control={control}
              rules={{ validate: (value) => (!value?.trim() || roleKeyPattern.test(value.trim()) ? true : "roleAdmin.keyInvalid") }}
              render={({ field, fieldState }) => (
                <FormRow label={t("roleAdmin.fields.key")} htmlFor="role-key" error={fieldState.error} extra={t("roleAdmin.keyHint")}>
                  <Input {...field} id="role-key" maxLength={40} autoComplete="off" aria-invalid={fieldState.invalid} />
                </FormRow>
              )}
            />
          </>
        )}
      </Form>
    </Modal>
  );
}

import { useInvalidate, useList, type HttpError } from "@refinedev/core";
import { useForm } from "@refinedev/react-hook-form";
import { Form, Modal, Select } from "antd";
import { useMemo } from "react";
import { Controller, FormProvider } from "react-hook-form";
import { useT, type TranslationKey } from "@/i18n";
import type { Member } from "@/lib/domain/access";
import { FormRow } from "./FormRow";
import { UnitRolePicker, type UnitRoleValues } from "./UnitRolePicker";
import { useAdminScope } from "./useAdminScope";

type MembershipValues = UnitRoleValues & { user_id: string | undefined };
type Person = Pick<Member, "user_id" | "display_name" | "phone" | "email">;

const required = (key: TranslationKey) => ({ required: key });

/** Gives someone already in the administrator's scope another role or unit. New people are invited instead. */
export function AddMembershipModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const scope = useAdminScope();
  const invalidate = useInvalidate();
  const peopleQuery = useList<Person>({
    resource: "members",
    pagination: { mode: "off" },
    meta: { select: "user_id,display_name,phone,email", count: "planned" },
    queryOptions: { enabled: open },
  });
  const people = useMemo(() => {
    const byId = new Map<string, Person>();
    for (const person of peopleQuery.result.data) if (person.user_id !== scope.userId) byId.set(person.user_id, person);
    return [...byId.values()];
  }, [peopleQuery.result.data, scope.userId]);

  const form = useForm<Member, HttpError, MembershipValues>({
    defaultValues: { user_id: undefined, org_unit_id: undefined, role_key: undefined },
    warnWhenUnsavedChanges: false,
    refineCoreProps: {
      resource: "memberships",
      action: "create",
      redirect: false,
      successNotification: () => ({ type: "success", message: t("members.added") }),
      onMutationSuccess: () => {
        void invalidate({ resource: "members", invalidates: ["list", "many"] });
        close();
      },
    },
  });
  const {
    control,
    handleSubmit,
    reset,
    refineCore: { onFinish, mutation },
  } = form;

  function close() {
    reset();
    onClose();
  }

  return (
    <Modal
      open={open}
      title={t("members.addTitle")}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      confirmLoading={mutation.isPending}
      onOk={handleSubmit((values) => onFinish(values))}
      onCancel={close}
      destroyOnHidden
    >
      <FormProvider {...form}>
        <Form layout="vertical" component={false} requiredMark={false}>
          <Controller
            name="user_id"
            control={control}
            rules={required("members.personRequired")}
            render={({ field, fieldState }) => (
              <FormRow label={t("members.fields.person")} htmlFor="membership-person" error={fieldState.error}>
                <Select
                  id="membership-person"
                  showSearch
                  optionFilterProp="label"
                  loading={peopleQuery.query.isLoading}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  status={fieldState.invalid ? "error" : undefined}
                  options={people.map((p) => ({ value: p.user_id, label: [p.display_name, p.phone ?? p.email].filter(Boolean).join(" · ") }))}
                />
              </FormRow>
            )}
          />
          <UnitRolePicker scope={scope} idPrefix="membership" />
        </Form>
      </FormProvider>
    </Modal>
  );
}

import { Controller, useFormContext } from "react-hook-form";
import { useT, type TranslationKey } from "@/i18n";
import { FormRow } from "./FormRow";
import { RoleSelect } from "./RoleSelect";
import { ScopeUnitSelect } from "./ScopeUnitSelect";
import type { AdminScope } from "./useAdminScope";

/** The part of a membership or invitation form this picker fills. */
export type UnitRoleValues = { org_unit_id?: string; role_key?: string };

/**
 * 单位 and 角色 for a new membership or invitation, inside a react-hook-form FormProvider whose
 * values have org_unit_id and role_key: a unit of the administrator's scope, then a role
 * assignable there. Changing the unit clears the role, which may not be offered at the new one.
 */
export function UnitRolePicker({ scope, idPrefix }: { scope: AdminScope; idPrefix: string }) {
  const t = useT();
  const { control, watch, setValue } = useFormContext<UnitRoleValues>();
  const unitId = watch("org_unit_id");
  return (
    <>
      <Controller
        name="org_unit_id"
        control={control}
        rules={{ required: "members.unitRequired" satisfies TranslationKey }}
        render={({ field, fieldState }) => (
          <FormRow label={t("members.fields.unit")} htmlFor={`${idPrefix}-unit`} error={fieldState.error}>
            <ScopeUnitSelect
              id={`${idPrefix}-unit`}
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
          <FormRow label={t("members.fields.role")} htmlFor={`${idPrefix}-role`} error={fieldState.error}>
            <RoleSelect
              id={`${idPrefix}-role`}
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
    </>
  );
}

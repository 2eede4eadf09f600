import { Alert, Form, Input, Modal, Select } from "antd";
import { useMemo } from "react";
import { Controller, useForm } from "react-hook-form";
import { nextFreeOrgUnitCode, type ChildOrgUnitLevel } from "@/contract";
import { moveOrgUnit, type EditedOrgUnit } from "@/data/orgUnitAdmin";
import { useT } from "@/i18n";
import type { OrgUnit } from "@/lib/domain/orgUnits";
import { codesOf, moveTargets, type EditorScope } from "./orgUnitEditRights";
import { ancestorsOf, type OrgUnitIndex } from "./orgUnitIndex";
import { OrgUnitFormRow } from "./OrgUnitFormRow";
import { useOrgUnitChange } from "./useOrgUnitChange";
import { useOrgUnitRules } from "./useOrgUnitRules";

type Props = {
  unit: OrgUnit & { level: ChildOrgUnitLevel };
  index: OrgUnitIndex;
  scope: EditorScope;
  onClose: () => void;
  onChanged: (unit: EditedOrgUnit | null) => void;
};
type Values = { parentId: string | undefined; code: string; name: string };

/**
 * 移动到…: a grid to another community, a community to another street, among the units the
 * administrator administers. Choosing the target suggests the next free code there; the name
 * changes only when the target already has a unit of that name.
 */
export function MoveOrgUnitModal({ unit, index, scope, onClose, onChanged }: Props) {
  const t = useT();
  const codes = useMemo(() => codesOf(index), [index]);
  const targets = useMemo(() => moveTargets(unit, index, scope), [unit, index, scope]);
  const { codeRule, nameRule } = useOrgUnitRules(index, codes);
  const { run, saving } = useOrgUnitChange(onChanged);
  const { control, handleSubmit, setValue, watch, trigger } = useForm<Values>({
    mode: "onChange",
    defaultValues: { parentId: undefined, code: "", name: unit.name },
  });
  const target = index.byId.get(watch("parentId") ?? "");
  const grids = index.childrenOf.get(unit.id)?.length ?? 0;

  const submit = handleSubmit(async ({ parentId, code, name }) => {
    const newName = name.trim() === unit.name ? undefined : name.trim();
    if (await run(() => moveOrgUnit({ id: unit.id, newParentId: parentId!, newCode: code.trim(), newName }), "org_unit_edit.moved")) onClose();
  });

  const targetLabel = (candidate: OrgUnit) => `${ancestorsOf(index, candidate).at(-1)?.name ?? ""} ${candidate.name} · ${candidate.code}`.trim();

  return (
    <Modal
      open
      title={t("org_unit_edit.moveTitle", { name: unit.name })}
      okText={t("org_unit_edit.moveOk")}
      cancelText={t("buttons.cancel")}
      confirmLoading={saving}
      okButtonProps={{ disabled: targets.length === 0 }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t(unit.level === "community" ? "org_unit_edit.moveHintCommunity" : "org_unit_edit.moveHint", { grids })}
      />
      <Form layout="vertical" component={false} requiredMark={false}>
        <Controller
          name="parentId"
          control={control}
          rules={{ required: t("org_unit_edit.parentRequired") }}
          render={({ field, fieldState }) => (
            <OrgUnitFormRow label={t("org_unit_edit.newParent")} htmlFor="org-unit-move-parent" error={fieldState.error?.message}>
              <Select
                id="org-unit-move-parent"
                value={field.value}
                onChange={(id: string) => {
                  field.onChange(id);
                  const chosen = index.byId.get(id);
                  if (chosen) setValue("code", nextFreeOrgUnitCode(unit.level, chosen.code, codes) ?? "", { shouldValidate: true });
                  void trigger("name");
                }}
                showSearch
                optionFilterProp="label"
                placeholder={t("org_unit_edit.newParentPlaceholder")}
                notFoundContent={t("org_unit_edit.noTargets")}
                options={targets.map((candidate) => ({ value: candidate.id, label: targetLabel(candidate) }))}
              />
            </OrgUnitFormRow>
          )}
        />
        <Controller
          name="code"
          control={control}
          rules={{ validate: (value) => (target ? codeRule(value, unit.level, target.code) : true) }}
          render={({ field, fieldState }) => (
            <OrgUnitFormRow label={t("org_unit_edit.newCode")} htmlFor="org-unit-move-code" error={fieldState.error?.message}>
              <Input {...field} id="org-unit-move-code" inputMode="numeric" autoComplete="off" disabled={!target} aria-invalid={fieldState.invalid} />
            </OrgUnitFormRow>
          )}
        />
        <Controller
          name="name"
          control={control}
          rules={{ validate: (value) => (target ? nameRule(value, target.id, unit.id) : true) }}
          render={({ field, fieldState }) => (
            <OrgUnitFormRow label={t("org_unit_edit.nameThere")} htmlFor="org-unit-move-name" error={fieldState.error?.message}>
              <Input {...field} id="org-unit-move-name" maxLength={60} autoComplete="off" aria-invalid={fieldState.invalid} />
            </OrgUnitFormRow>
          )}
        />
      </Form>
    </Modal>
  );
}

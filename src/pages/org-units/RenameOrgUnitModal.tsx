import { Form, Input, Modal } from "antd";
import { Controller, useForm } from "react-hook-form";
import { renameOrgUnit, type EditedOrgUnit } from "@/data/orgUnitAdmin";
import { useT } from "@/i18n";
import type { OrgUnit } from "@/lib/domain/orgUnits";
import type { OrgUnitIndex } from "./orgUnitIndex";
import { OrgUnitFormRow } from "./OrgUnitFormRow";
import { useOrgUnitChange } from "./useOrgUnitChange";
import { useOrgUnitRules } from "./useOrgUnitRules";

type Props = { unit: OrgUnit; index: OrgUnitIndex; onClose: () => void; onChanged: (unit: EditedOrgUnit | null) => void };

const noCodes: ReadonlySet<string> = new Set();

/** 重命名: the name the administrator saw goes along, so a rename someone made meanwhile is refused, not overwritten. */
export function RenameOrgUnitModal({ unit, index, onClose, onChanged }: Props) {
  const t = useT();
  const { nameRule } = useOrgUnitRules(index, noCodes);
  const { run, saving } = useOrgUnitChange(onChanged);
  const { control, handleSubmit } = useForm<{ name: string }>({ mode: "onChange", defaultValues: { name: unit.name } });

  const submit = handleSubmit(async ({ name }) => {
    if (await run(() => renameOrgUnit(unit.id, name.trim(), unit.name), "org_unit_edit.renamed")) onClose();
  });

  return (
    <Modal
      open
      title={t("org_unit_edit.renameTitle", { name: unit.name })}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical" component={false} requiredMark={false}>
        <Controller
          name="name"
          control={control}
          rules={{ validate: (value) => nameRule(value, unit.parent_id ?? "", unit.id) }}
          render={({ field, fieldState }) => (
            <OrgUnitFormRow label={t("org_unit_edit.newName")} htmlFor="org-unit-rename-name" error={fieldState.error?.message}>
              <Input {...field} id="org-unit-rename-name" maxLength={60} autoComplete="off" aria-invalid={fieldState.invalid} />
            </OrgUnitFormRow>
          )}
        />
      </Form>
    </Modal>
  );
}

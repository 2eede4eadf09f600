import { Form, Input, Modal, Typography } from "antd";
import { useMemo } from "react";
import { Controller, useForm } from "react-hook-form";
import { nextFreeOrgUnitCode, orgUnitCodeShape, type ChildOrgUnitLevel } from "@/contract";
import { useDomainLabels } from "@/components/useDomainLabels";
import { createOrgUnit, type EditedOrgUnit } from "@/data/orgUnitAdmin";
import { useT } from "@/i18n";
import type { OrgUnit } from "@/lib/domain/orgUnits";
import { codesOf } from "./orgUnitEditRights";
import type { OrgUnitIndex } from "./orgUnitIndex";
import { OrgUnitFormRow } from "./OrgUnitFormRow";
import { useOrgUnitChange } from "./useOrgUnitChange";
import { useOrgUnitRules } from "./useOrgUnitRules";

type Props = { parent: OrgUnit; level: ChildOrgUnitLevel; index: OrgUnitIndex; onClose: () => void; onChanged: (unit: EditedOrgUnit | null) => void };
type Values = { name: string; code: string };

/** 新增下级单位: name and official code, the code suggested as the next free one under the parent. */
export function AddOrgUnitModal({ parent, level, index, onClose, onChanged }: Props) {
  const t = useT();
  const { levelLabel } = useDomainLabels();
  const codes = useMemo(() => codesOf(index), [index]);
  const { codeRule, nameRule } = useOrgUnitRules(index, codes);
  const { run, saving } = useOrgUnitChange(onChanged);
  const { control, handleSubmit } = useForm<Values>({
    mode: "onChange",
    defaultValues: { name: "", code: nextFreeOrgUnitCode(level, parent.code, codes) ?? "" },
  });
  const shape = orgUnitCodeShape[level];

  const submit = handleSubmit(async ({ name, code }) => {
    if (await run(() => createOrgUnit({ parentId: parent.id, name: name.trim(), level, code: code.trim() }), "org_unit_edit.added")) onClose();
  });

  return (
    <Modal
      open
      title={t("org_unit_edit.addTitle", { level: levelLabel(level), parent: parent.name })}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical" component={false} requiredMark={false}>
        <Typography.Paragraph type="secondary">{t("org_unit_edit.addHint", { level: levelLabel(level), parent: parent.name })}</Typography.Paragraph>
        <Controller
          name="name"
          control={control}
          rules={{ validate: (value) => nameRule(value, parent.id) }}
          render={({ field, fieldState }) => (
            <OrgUnitFormRow label={t("org_unit_edit.name")} htmlFor="org-unit-add-name" error={fieldState.error?.message}>
              <Input {...field} id="org-unit-add-name" maxLength={60} autoComplete="off" aria-invalid={fieldState.invalid} />
            </OrgUnitFormRow>
          )}
        />
        <Controller
          name="code"
          control={control}
          rules={{ validate: (value) => codeRule(value, level, parent.code) }}
          render={({ field, fieldState }) => (
            <OrgUnitFormRow
              label={t("org_unit_edit.code")}
              htmlFor="org-unit-add-code"
              error={fieldState.error?.message}
              extra={t("org_unit_edit.codeHelp", { length: shape.length, parentCode: parent.code.slice(0, shape.prefix), digits: shape.length - shape.prefix })}
            >
              <Input {...field} id="org-unit-add-code" inputMode="numeric" maxLength={shape.length} autoComplete="off" aria-invalid={fieldState.invalid} />
            </OrgUnitFormRow>
          )}
        />
      </Form>
    </Modal>
  );
}

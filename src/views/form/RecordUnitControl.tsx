import { Form } from "antd";
import { Controller, type Control } from "react-hook-form";
import type { Language } from "@/contract";
import { getFieldType, type FieldLoaders } from "@/field-types";
import { useT } from "@/i18n";
import type { RecordFormValues } from "./recordResolver";

interface RecordUnitControlProps {
  serviceKey: string;
  control: Control<RecordFormValues>;
  language: Language;
  loaders: FieldLoaders;
  /** update_record changes answers only; a record moves between units by escalation */
  disabled: boolean;
}

const unitInputId = "record-org-unit";

/** 所属单位: the record's unit (records.org_unit_id), asked before the answers. */
export function RecordUnitControl({ serviceKey, control, language, loaders, disabled }: RecordUnitControlProps) {
  const t = useT();
  const UnitInput = getFieldType(serviceKey, "org_unit_id", "org_unit").Input;
  const unitField = { key: "org_unit_id", label: t("records.form.unit"), type: "org_unit" };
  return (
    <Controller
      name="org_unit_id"
      control={control}
      render={({ field: input, fieldState }) => (
        <Form.Item
          label={t("records.form.unit")}
          htmlFor={unitInputId}
          required
          extra={t("records.form.unitHelp")}
          validateStatus={fieldState.error ? "error" : undefined}
          help={fieldState.error?.message}
        >
          <UnitInput
            field={unitField}
            id={unitInputId}
            value={input.value}
            onChange={input.onChange}
            onBlur={input.onBlur}
            disabled={disabled}
            language={language}
            loaders={loaders}
          />
        </Form.Item>
      )}
    />
  );
}

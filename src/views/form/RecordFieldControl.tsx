import { Checkbox, Form, Tag } from "antd";
import { Link } from "react-router";
import { Controller, type Control, type FieldValues, type Path } from "react-hook-form";
import { type Language, pickText } from "@/contract";
import { fieldLabel, type FieldLoaders, getFieldType } from "@/field-types";
import type { FieldDefinition } from "@/services/schema";
import { useT } from "@/i18n";

interface RecordFieldControlProps<T extends FieldValues> {
  serviceKey: string;
  field: FieldDefinition;
  /** where the answer lives in the form's values, e.g. `data.applicant_name` */
  name: Path<T>;
  control: Control<T>;
  required: boolean;
  language: Language;
  loaders: FieldLoaders;
  disabled?: boolean;
  /** derived fields only: the value computed live from the other answers, shown read-only */
  derivedValue?: unknown;
  /** derived fields only: why the input cannot be edited */
  derivedNote?: string;
  /**
   * filled from a picked resident: shown as such; a correction may be written back to the registry.
   * `previous`: filled from their previous application instead (reuse), tagged with its date and linked.
   */
  prefill?: { value: unknown; writable: boolean; writeBack: boolean; setWriteBack(on: boolean): void; previous?: { href: string; date: string } };
}

/**
 * One field of a record form: react-hook-form owns the value (Controller), the registry's
 * Input edits it, antd's Form.Item only lays out label, required mark, help and message —
 * it has no `name`, so antd's own form store never holds a value.
 */
export function RecordFieldControl<T extends FieldValues>(props: RecordFieldControlProps<T>) {
  const { serviceKey, field, name, control, required, language, loaders, disabled, derivedValue, derivedNote, prefill } = props;
  const t = useT();
  const { Input } = getFieldType(serviceKey, field.key, field.type);
  const id = `record-field-${field.key}`;
  const help = field.help ? pickText(language, field.help, field.help_en) : undefined;
  return (
    <Controller
      name={name}
      control={control}
      render={({ field: input, fieldState }) => (
        <Form.Item
          label={
            prefill ? (
              <>
                {fieldLabel(field, language)}
                {prefill.previous ? (
                  <Tag color="cyan" style={{ marginInlineStart: 8 }}>
                    <Link to={prefill.previous.href} target="_blank" title={t("applicationReuse.openPrevious")}>
                      {t("applicationReuse.fromPrevious", { date: prefill.previous.date })}
                    </Link>
                  </Tag>
                ) : (
                  <Tag color="blue" style={{ marginInlineStart: 8 }}>
                    {t("residentField.prefilled")}
                  </Tag>
                )}
              </>
            ) : (
              fieldLabel(field, language)
            )
          }
          htmlFor={id}
          required={required}
          validateStatus={fieldState.error ? "error" : undefined}
          help={fieldState.error?.message}
          extra={
            field.derive
              ? [help, derivedNote].filter(Boolean).join(" ")
              : // a sensitive answer masked whole ("***": a choice, a number, rows) cannot be shown in its input
                prefill?.previous && input.value === "***"
                ? [help, t("applicationReuse.hiddenReused")].filter(Boolean).join(" ")
                : help
          }
        >
          <Input
            field={field}
            // a derived field shows the value computed live; the database recomputes it on save
            value={field.derive ? (derivedValue ?? null) : input.value}
            onChange={input.onChange}
            onBlur={input.onBlur}
            disabled={disabled || field.derive !== undefined}
            status={fieldState.error ? "error" : undefined}
            id={id}
            language={language}
            loaders={loaders}
          />
          {/* a correction of a pre-filled value: offer to write it back to the person (logged, source 'record') */}
          {prefill?.writable && input.value !== prefill.value && typeof input.value === "string" && input.value.trim() !== "" && (
            <Checkbox checked={prefill.writeBack} onChange={(e) => prefill.setWriteBack(e.target.checked)} style={{ marginTop: 4 }}>
              {t("residentField.writeBack")}
            </Checkbox>
          )}
        </Form.Item>
      )}
    />
  );
}

import { Form, Input, InputNumber, Select, Space, Switch, Typography } from "antd";
import type { z } from "zod";
import { orgUnitLevels, presetRoles } from "@/contract";
import type { ChoiceOption } from "@/field-types";
import { ChoiceOptionsEditor } from "./ChoiceOptionsEditor";
import { configControls, type ConfigControl } from "./configControls";
import { DateLimitInput } from "./DateLimitInput";
import { problemsAt, type FieldProblem } from "./fieldErrors";
import { textOf, withProp } from "./fieldProps";
import { PatternInput } from "./PatternInput";
import { SubTableColumnsEditor } from "./SubTableColumnsEditor";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

type Options = Readonly<Record<string, unknown>> & { type: string };

interface TypeOptionsEditorProps<T extends Options> {
  /** the field (or sub-table column) whose type options are edited */
  target: T;
  configSchema: z.ZodObject;
  onChange(target: T): void;
  problems: readonly FieldProblem[];
  /** an option value that may not change any more */
  frozenValue(value: string): boolean;
  /** prefixes ids and names, so two editors on one page stay apart */
  idPrefix: string;
}

/** A type's options, one control per option of its configSchema (configControls). */
export function TypeOptionsEditor<T extends Options>({ target, configSchema, onChange, problems, frozenValue, idPrefix }: TypeOptionsEditorProps<T>) {
  const { t, optionName, valueName, problemText } = useFormDesignerTexts();
  const controls = configControls(configSchema);
  if (controls.length === 0) return <Typography.Paragraph type="secondary">{t("formDesigner.panel.noOptions")}</Typography.Paragraph>;
  const set = (key: string, value: unknown) => onChange(withProp(target, key, value));
  const enumLabel = (control: ConfigControl, value: string) =>
    control.key === "levels" ? t(`org_units.levels.${value as (typeof orgUnitLevels)[number]}`) : valueName(value);

  const input = (control: ConfigControl, id: string) => {
    const value = target[control.key];
    switch (control.kind) {
      case "text":
        if (control.key === "pattern") {
          return (
            <PatternInput
              id={id}
              pattern={textOf(value)}
              onChange={(pattern, message) => {
                let next = withProp(target, "pattern", pattern);
                if (message && !textOf(target.pattern_message))
                  next = withProp(withProp(next, "pattern_message", message.zh), "pattern_message_en", message.en);
                onChange(next);
              }}
            />
          );
        }
        if (target.type === "date" && (control.key === "min" || control.key === "max")) {
          return <DateLimitInput id={id} value={textOf(value)} onChange={(next) => set(control.key, next)} />;
        }
        return (
          <Space.Compact style={{ width: "100%" }}>
            <Input id={id} value={textOf(value) ?? ""} onChange={(event) => set(control.key, event.target.value)} />
            {control.enKey && (
              <Input
                aria-label={`${optionName(control.key)}（${t("formDesigner.option.english")}）`}
                placeholder={t("formDesigner.option.english")}
                value={textOf(target[control.enKey]) ?? ""}
                onChange={(event) => set(control.enKey as string, event.target.value)}
              />
            )}
          </Space.Compact>
        );
      case "number":
        return (
          <InputNumber
            id={id}
            min={control.min}
            max={control.max}
            precision={control.integer ? 0 : undefined}
            value={typeof value === "number" ? value : null}
            onChange={(next) => set(control.key, next ?? undefined)}
          />
        );
      case "boolean":
        return <Switch id={id} checked={value === true} onChange={(checked) => set(control.key, checked || undefined)} />;
      case "enum":
        return (
          <Select
            id={id}
            allowClear
            value={textOf(value)}
            onChange={(next?: string) => set(control.key, next)}
            options={control.values.map((option) => ({ value: option, label: valueName(option) }))}
          />
        );
      case "enumList":
        return (
          <Select
            id={id}
            mode="multiple"
            value={Array.isArray(value) ? value : []}
            onChange={(next: string[]) => set(control.key, next)}
            options={control.values.map((option) => ({ value: option, label: enumLabel(control, option) }))}
          />
        );
      case "tags":
        return (
          <Select
            id={id}
            mode="tags"
            placeholder={t("formDesigner.option.tagsPlaceholder")}
            value={Array.isArray(value) ? value : []}
            onChange={(next: string[]) => set(control.key, next)}
            options={control.key === "roles" ? presetRoles.map((role) => ({ value: role, label: t(`roles.${role}`) })) : []}
          />
        );
      case "options":
        return (
          <ChoiceOptionsEditor
            name={optionName(control.key)}
            options={Array.isArray(value) ? (value as ChoiceOption[]) : []}
            onChange={(next) => onChange({ ...target, [control.key]: next })}
            frozen={frozenValue}
          />
        );
      case "columns":
        return (
          <SubTableColumnsEditor
            columns={Array.isArray(value) ? value : []}
            onChange={(next) => onChange({ ...target, columns: next })}
            problems={problemsAt(problems, "columns")}
            frozenKey={frozenValue}
            idPrefix={id}
          />
        );
    }
  };

  return (
    <>
      {controls.map((control) => {
        const id = `${idPrefix}-${control.key}`;
        const own = [...problemsAt(problems, control.key), ...(control.kind === "text" && control.enKey ? problemsAt(problems, control.enKey) : [])];
        return (
          <Form.Item
            key={control.key}
            label={optionName(control.key)}
            htmlFor={id}
            validateStatus={own.length > 0 ? "error" : undefined}
            help={own.length > 0 ? problemText(own) : undefined}
          >
            {input(control, id)}
          </Form.Item>
        );
      })}
    </>
  );
}

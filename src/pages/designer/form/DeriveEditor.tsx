import { Alert, Form, Radio, Select, Space, Typography } from "antd";
import { derivationTypes } from "@/services/crossCheckDerive";
import type { Derivation } from "@/services/deriveSchema";
import type { DraftField } from "../designerDoc";
import type { FieldProblem } from "./fieldErrors";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

type Fn = Derivation["fn"];

interface DeriveEditorProps {
  field: DraftField;
  fields: readonly DraftField[];
  onChange(field: DraftField): void;
  problems: readonly FieldProblem[];
}

const fns = Object.keys(derivationTypes) as Fn[];
const sexOptions = [
  { value: "male", label: "男", label_en: "Male" },
  { value: "female", label: "女", label_en: "Female" },
];

/** A new derivation: a single source picked for the admin (the form's ID number for an age), several left to pick. */
function start(fn: Fn, candidates: readonly DraftField[]): Derivation {
  if (fn === "sum") return { fn, of: [] };
  if (fn === "difference") return { fn, of: ["", ""] };
  if (fn === "days_between") return { fn, from: "", to: "" };
  // the source types in their own order: an age from the ID number before one from a date
  const first = derivationTypes[fn].sources.map((type) => candidates.find((field) => field.type === type)).find((field) => field !== undefined);
  return { fn, from: first?.key ?? "" };
}

/**
 * 自动计算: the function the field's type can hold (age for a number, birth date for a date…)
 * and its source fields, picked among the fields of the types the function reads.
 */
export function DeriveEditor({ field, fields, onChange, problems }: DeriveEditorProps) {
  const { t, label, problemText } = useFormDesignerTexts();
  const offered = fns.filter((fn) => derivationTypes[fn].targets.includes(field.type));
  if (offered.length === 0) return <Typography.Paragraph type="secondary">{t("formDesigner.derive.unavailable")}</Typography.Paragraph>;
  const derive = field.derive as Derivation | undefined;
  const sources = derive ? fields.filter((other) => other.key !== field.key && derivationTypes[derive.fn].sources.includes(other.type)) : [];
  const sourceOptions = sources.map((other) => ({ value: other.key, label: label(other) }));
  const pick = (fn: Fn | undefined) => {
    // a computed field is never typed in: no default, never required
    const { derive: _, default: __, required: ___, ...rest } = field;
    if (!fn) return onChange(rest as DraftField);
    // sex into a choice needs the two answers the function gives
    const options = fn === "sex" && field.type === "select" ? { options: sexOptions } : {};
    onChange({
      ...rest,
      ...options,
      derive: start(
        fn,
        fields.filter((other) => other.key !== field.key),
      ),
    } as DraftField);
  };
  const setDerive = (next: Derivation) => onChange({ ...field, derive: next });
  const source = (value: string | undefined, name: string, apply: (key: string) => Derivation) => (
    <Select
      aria-label={name}
      placeholder={name}
      value={value || undefined}
      onChange={(key: string) => setDerive(apply(key))}
      options={sourceOptions}
      style={{ minWidth: 160 }}
    />
  );
  return (
    <Form.Item
      label={t("formDesigner.derive.fn")}
      extra={t("formDesigner.derive.hint")}
      validateStatus={problems.length > 0 ? "error" : undefined}
      help={problems.length > 0 ? problemText(problems) : undefined}
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        {/* a handful of choices, all in view: radio buttons rather than a dropdown */}
        <Radio.Group
          aria-label={t("formDesigner.derive.fn")}
          value={derive?.fn ?? ""}
          onChange={(event) => pick((event.target.value as Fn | "") || undefined)}
          options={[{ value: "", label: t("formDesigner.derive.none") }, ...offered.map((fn) => ({ value: fn, label: t(`formDesigner.derive.fns.${fn}`) }))]}
        />
        {derive && sources.length === 0 && <Alert type="warning" showIcon message={t("formDesigner.derive.noSources")} />}
        {derive && sources.length > 0 && (
          <Space wrap>
            {"to" in derive ? (
              <>
                {source(derive.from, t("formDesigner.derive.start"), (key) => ({ ...derive, from: key }))}
                {source(derive.to, t("formDesigner.derive.end"), (key) => ({ ...derive, to: key }))}
              </>
            ) : derive.fn === "difference" ? (
              <>
                {source(derive.of[0], t("formDesigner.derive.minuend"), (key) => ({ fn: "difference", of: [key, derive.of[1]] }))}
                {source(derive.of[1], t("formDesigner.derive.subtrahend"), (key) => ({ fn: "difference", of: [derive.of[0], key] }))}
              </>
            ) : derive.fn === "sum" ? (
              <Select
                aria-label={t("formDesigner.derive.of")}
                placeholder={t("formDesigner.derive.of")}
                mode="multiple"
                value={derive.of}
                onChange={(keys: string[]) => setDerive({ fn: "sum", of: keys })}
                options={sourceOptions}
                style={{ minWidth: 240 }}
              />
            ) : (
              source(derive.from, t("formDesigner.derive.from"), (key) => ({ ...derive, from: key }) as Derivation)
            )}
          </Space>
        )}
      </Space>
    </Form.Item>
  );
}

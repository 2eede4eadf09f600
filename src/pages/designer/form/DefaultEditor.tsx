import { Form, Radio, Space } from "antd";
import type { FieldDefault } from "@/services/deriveSchema";
import type { DraftField } from "../designerDoc";
import { AnswerValueInput } from "./AnswerValueInput";
import type { FieldProblem } from "./fieldErrors";
import { withProp } from "./fieldProps";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

type Kind = "none" | "constant" | "today" | "now" | "currentUser";

/** The default kinds each type can take: a moment for dates and times, the user for a person, else a value. */
const constantTypes = new Set(["text", "textarea", "number", "money", "date", "boolean", "select", "multiselect", "phone"]);
function kindsFor(type: string): Kind[] {
  const kinds: Kind[] = ["none"];
  if (constantTypes.has(type)) kinds.push("constant");
  if (type === "date") kinds.push("today");
  if (type === "datetime") kinds.push("now");
  if (type === "user") kinds.push("currentUser");
  return kinds;
}

function kindOf(value: FieldDefault | undefined): Kind {
  if (value === undefined) return "none";
  if (typeof value === "object" && !Array.isArray(value)) return "currentUser" in value ? "currentUser" : "now" in value ? "now" : "today";
  return "constant";
}

const kindLabels = {
  none: "formDesigner.common.defaultNone",
  constant: "formDesigner.common.defaultConstant",
  today: "formDesigner.common.defaultToday",
  now: "formDesigner.common.defaultNow",
  currentUser: "formDesigner.common.defaultCurrentUser",
} as const;

/** 默认值: what the create form starts with (and the database fills in when missing). */
export function DefaultEditor({ field, onChange, problems }: { field: DraftField; onChange(field: DraftField): void; problems: readonly FieldProblem[] }) {
  const { t, problemText } = useFormDesignerTexts();
  const kinds = kindsFor(field.type);
  if (kinds.length === 1 || field.derive) return null;
  const value = field.default as FieldDefault | undefined;
  const kind = kindOf(value);
  const setKind = (next: Kind) => {
    const moment = { today: { today: true }, now: { now: true }, currentUser: { currentUser: true } } as const;
    onChange(withProp(field, "default", next === "none" || next === "constant" ? undefined : moment[next]));
  };
  return (
    <Form.Item
      label={t("formDesigner.common.default")}
      validateStatus={problems.length > 0 ? "error" : undefined}
      help={problems.length > 0 ? problemText(problems) : undefined}
    >
      <Space wrap>
        <Radio.Group
          aria-label={t("formDesigner.common.default")}
          value={kind}
          onChange={(event) => setKind(event.target.value as Kind)}
          options={kinds.map((k) => ({ value: k, label: t(kindLabels[k]) }))}
        />
        {kind === "constant" || (kind === "none" && kinds.includes("constant")) ? (
          <AnswerValueInput
            field={field}
            multiple={field.type === "multiselect"}
            aria-label={t("formDesigner.common.defaultConstant")}
            value={value}
            onChange={(next) => onChange(withProp(field, "default", next))}
          />
        ) : null}
      </Space>
    </Form.Item>
  );
}

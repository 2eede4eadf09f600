// A condition in words, for the reason a guarded transition is not available. The database
// words it the same way (private.describe_condition), so the refusal reads alike from both.
import type { RuleCondition } from "./conditionSchema";
import type { FieldDefinition } from "./fieldSchema";

export interface ConditionText {
  zh: string;
  en: string;
}

interface OptionLike {
  value: unknown;
  label?: string;
  label_en?: string;
}

/** {label} op {value}: the zh and en patterns per operator */
const opPatterns: Record<string, { zh: string; en: string }> = {
  eq: { zh: "{l}为{v}", en: "{l} is {v}" },
  neq: { zh: "{l}不为{v}", en: "{l} is not {v}" },
  in: { zh: "{l}为{v}之一", en: "{l} is one of {v}" },
  nin: { zh: "{l}不为{v}中任一", en: "{l} is none of {v}" },
  gt: { zh: "{l} > {v}", en: "{l} > {v}" },
  gte: { zh: "{l} ≥ {v}", en: "{l} ≥ {v}" },
  lt: { zh: "{l} < {v}", en: "{l} < {v}" },
  lte: { zh: "{l} ≤ {v}", en: "{l} ≤ {v}" },
};

function valueText(field: FieldDefinition | undefined, value: unknown): ConditionText {
  const options = Array.isArray(field?.options) ? (field.options as OptionLike[]) : [];
  const option = options.find((o) => o.value === value);
  if (option) return { zh: `「${option.label ?? String(value)}」`, en: `"${option.label_en ?? option.label ?? String(value)}"` };
  if (typeof value === "boolean") return value ? { zh: "是", en: "yes" } : { zh: "否", en: "no" };
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return { zh: "今天", en: "today" };
  return { zh: String(value), en: String(value) };
}

const labelOf = (fields: readonly FieldDefinition[], key: string): ConditionText => {
  const field = fields.find((f) => f.key === key);
  return { zh: `「${field?.label ?? key}」`, en: `"${field?.label_en ?? field?.label ?? key}"` };
};

export function describeCondition(fields: readonly FieldDefinition[], condition: RuleCondition): ConditionText {
  const join = (parts: RuleCondition[], zhSep: string, enSep: string): ConditionText => {
    const texts = parts.map((part) => describeCondition(fields, part));
    return { zh: texts.map((t) => t.zh).join(zhSep), en: texts.map((t) => t.en).join(enSep) };
  };
  if ("all" in condition) return join(condition.all, "，且", ", and ");
  if ("any" in condition) {
    const text = join(condition.any, "，或", ", or ");
    return { zh: `（${text.zh}）`, en: `(${text.en})` };
  }
  if ("not" in condition) {
    const inner = describeCondition(fields, condition.not);
    return { zh: `并非（${inner.zh}）`, en: `not (${inner.en})` };
  }
  const field = fields.find((f) => f.key === condition.field);
  const label = labelOf(fields, condition.field);
  if (condition.op === "empty") return { zh: `${label.zh}未填写`, en: `${label.en} is empty` };
  if (condition.op === "not_empty") return { zh: `${label.zh}已填写`, en: `${label.en} is filled in` };
  const pattern = opPatterns[condition.op];
  let other: ConditionText;
  if (condition.valueFrom !== undefined) other = labelOf(fields, condition.valueFrom);
  else if (Array.isArray(condition.value)) {
    const items = condition.value.map((item) => valueText(field, item));
    other = { zh: items.map((i) => i.zh).join("、"), en: items.map((i) => i.en).join(", ") };
  } else other = valueText(field, condition.value);
  const fill = (text: string, l: string, v: string) => text.replace("{l}", l).replace("{v}", v);
  return { zh: fill(pattern.zh, label.zh, other.zh), en: fill(pattern.en, label.en, other.en) };
}

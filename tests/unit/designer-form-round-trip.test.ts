// Designer state ↔ definition: every field type made with the form concern's helpers, with
// conditions, a rule and each kind of derived value built from the pickers' parts, parses with
// parseServiceDefinition, and parsing keeps what the designer wrote.
import { describe, expect, it } from "vitest";
import { fieldTypeKeys, fieldTypes } from "@/field-types";
import type { DesignerDoc } from "@/pages/designer/designerDoc";
import { changeFieldType } from "@/pages/designer/form/changeFieldType";
import { conditionOperatorsFor, operatorValueKind } from "@/pages/designer/form/conditionOperators";
import { groupCondition, withField, withOperator } from "@/pages/designer/form/conditionParts";
import { addField, setFieldLabel, updateField } from "@/pages/designer/form/fieldOps";
import type { Derivation } from "@/services/deriveSchema";
import { parseServiceDefinition } from "@/services/schema";
import { minimalDefinition } from "./support/minimal-definition";

const doc = (): DesignerDoc => ({ definition: minimalDefinition() as unknown as DesignerDoc["definition"], removedFields: [] });
const none = new Map<string, string>();

function parsed(d: DesignerDoc) {
  const result = parseServiceDefinition(d.definition, fieldTypes);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.definition;
}

describe("designer form: round trip through parseServiceDefinition", () => {
  it.each(fieldTypeKeys)("a %s field added, renamed and laid out parses and keeps its settings", (type) => {
    let d = addField(doc(), type, none).doc;
    d = setFieldLabel(d, 4, "新字段", none);
    d = updateField(d, 4, (field) => ({ ...field, label_en: "New field", help: "说明", section: "补充信息", section_en: "More", width: "half" }));
    const field = parsed(d).fields[4];
    expect(field).toMatchObject({ key: "xin_zi_duan", label: "新字段", type, section: "补充信息", width: "half" });
    expect(d.definition.fields[4]).toEqual(expect.objectContaining(Object.fromEntries(Object.entries(field).filter(([k]) => k in d.definition.fields[4]))));
  });

  it.each(fieldTypeKeys)("changing a text field to %s gives a field that parses", (type) => {
    expect(parsed(changeFieldType(doc(), 0, type, none)).fields[0].type).toBe(type);
    // published: a new key takes the old one's place; nothing else names `kind`
    const asNew = parsed(changeFieldType(doc(), 1, type, new Map([["kind", "select"]])));
    expect(asNew.fields[1]).toMatchObject({ key: type === "select" ? "kind" : "lei_xing", type });
  });

  it.each(fieldTypeKeys.filter((type) => conditionOperatorsFor(type).length > 0))("a visibleWhen on a %s field built from the pickers parses", (type) => {
    let d = addField(doc(), type, none).doc;
    for (const op of conditionOperatorsFor(type)) {
      const leaf = withOperator(withField({ field: "", op: "eq" }, d.definition.fields[4].key, conditionOperatorsFor(type)), op);
      const sample = type === "number" || type === "money" ? 1 : type === "boolean" ? true : "a";
      const kind = operatorValueKind(leaf.op);
      expect(leaf.value).toEqual(kind === "list" ? [] : undefined);
      const value = kind === "none" ? undefined : kind === "list" ? [sample] : sample;
      const condition = value === undefined ? { field: leaf.field, op } : { field: leaf.field, op, value };
      d = updateField(d, 3, (field) => ({ ...field, visibleWhen: condition }));
      expect(parsed(d).fields[3].visibleWhen).toEqual(condition);
    }
  });

  it("a rule of all/any leaves, with a constant, another field and today, parses", () => {
    let d = addField(doc(), "date", none).doc;
    d = addField(d, "date", none).doc;
    const [start, end] = [d.definition.fields[4].key, d.definition.fields[5].key];
    const when = groupCondition({
      mode: "any",
      leaves: [
        { field: "kind", op: "eq", value: "a" },
        { field: "name", op: "not_empty" },
      ],
    });
    const require = groupCondition({
      mode: "all",
      leaves: [
        { field: end, op: "gte", valueFrom: start },
        { field: start, op: "lte", value: { today: true } },
      ],
    });
    d = { ...d, definition: { ...d.definition, rules: [{ when, require, field: end, message: "结束日期不得早于开始日期", message_en: "End before start" }] } };
    expect(parsed(d).rules).toEqual(d.definition.rules);
  });

  it("each derived value the picker offers parses", () => {
    let d = doc();
    for (const type of ["date", "number", "number", "money", "number", "date", "select"]) d = addField(d, type, none).doc;
    const key = (i: number) => d.definition.fields[i].key;
    const derives: [number, Derivation][] = [
      [4, { fn: "birth_date", from: "id_number" }],
      [5, { fn: "age", from: "id_number" }],
      [6, { fn: "sum", of: [key(5), key(7)] }],
      [8, { fn: "difference", of: [key(6), key(5)] }],
      [9, { fn: "days_between", from: key(4), to: key(4) }],
    ];
    for (const [index, derive] of derives) d = updateField(d, index, (field) => ({ ...field, derive }));
    d = updateField(d, 4, (field) => ({ ...field, sensitive: true, purpose: "核实年龄" }));
    d = updateField(d, 9, (field) => ({ ...field, type: "number", derive: { fn: "days_between", from: key(4), to: key(4) } }));
    d = updateField(d, 10, (field) => ({
      ...field,
      derive: { fn: "sex", from: "id_number" },
      options: [
        { value: "male", label: "男" },
        { value: "female", label: "女" },
      ],
    }));
    const fields = parsed(d).fields;
    expect(fields.map((field) => field.derive?.fn)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      "birth_date",
      "age",
      "sum",
      undefined,
      "difference",
      "days_between",
      "sex",
    ]);
  });
});

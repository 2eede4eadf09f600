// From the sheet they already keep: each column of the header row becomes a proposed field. The
// column's name decides when it is clear (身份证号, 联系电话, 出生日期, 补贴金额, 是否…), its values
// decide otherwise (designer-and-cockpit.md §3.2), and text is the answer when nothing is sure —
// the admin confirms or changes every guess before anything is created. Pure: no workbook here.
import { fieldTypes, type ChoiceOption, type FieldTypeKey } from "@/field-types";
import { systemColumns } from "@/services/schema";
import { keyFromLabel } from "../designer/keyFromLabel";
import { cellText, excelSerialIso, isBlankCell, textDateIso, yesNoCell, type SheetCell } from "./sheetCells";

/** Why a type was proposed: the column's name, its values (matched of the non-empty ones), or nothing sure. */
export type InferenceEvidence = { by: "name" } | { by: "values"; matched: number; total: number } | { by: "default" };

/** Something about the column the admin should know before importing it. */
export type ColumnWarning = "id_as_number" | "duplicate_label";

export interface ProposedField {
  label: string;
  key: string;
  type: FieldTypeKey;
  required: boolean;
  sensitive: boolean;
  purpose?: string;
  purpose_en?: string;
  /** select and multiselect: the column's distinct values */
  options?: ChoiceOption[];
  /** boolean: the sheet's own wording when it is not 是/否 (有/无) */
  trueLabel?: string;
  falseLabel?: string;
  /** number: every value is whole */
  integer?: boolean;
  evidence: InferenceEvidence;
  warnings: ColumnWarning[];
  /** up to 3 non-empty values, as text */
  samples: string[];
}

/** Rows read to guess; a roster's first 200 say what the rest hold (§3.2). */
export const sampleSize = 200;
/** Share of non-empty values that must fit a type for the values to decide. */
const fitShare = 0.9;
/** A choice column has at most this many distinct answers. */
const maxChoices = 10;
/** Longer answers read better in a multi-line box. */
const longText = 50;

const namePatterns: readonly [RegExp, FieldTypeKey][] = [
  [/身份证|证件号|公民身份号码/, "id_number"],
  [/手机|电话|联系方式/, "phone"],
  [/^是否|是否$/, "boolean"],
  [/日期|生日|出生年月|时间$/, "date"],
  [/金额|[(（]元[)）]|费用|工资|收入|补贴/, "money"],
  [/年龄|人数|人口|数量|次数|面积/, "number"],
  [/性别/, "select"],
  [/备注|说明|描述|详情/, "textarea"],
  [/姓名|名称|地址|住址|单位/, "text"],
];

/** Why a sensitive item is collected (PIPL Art. 6); the admin may reword it in the designer. */
const purposes: Partial<Record<FieldTypeKey, { zh: string; en: string }>> = {
  id_number: { zh: "核实本人身份，避免重复登记", en: "To verify the person's identity and avoid duplicate entries" },
  phone: { zh: "联系本人，通知办理事项", en: "To contact the person about their affairs" },
};

const isNumeric = (cell: SheetCell) => typeof cell === "number" || (typeof cell === "string" && cell.trim() !== "" && Number.isFinite(Number(cell.trim())));
const decimals = (n: number) => (Number.isInteger(n) ? 0 : (String(n).split(".")[1]?.length ?? 99));
const now = new Date();
const valid = (type: "id_number" | "phone", text: string) => fieldTypes[type].validate({ key: "x", label: "x", type }, text, { now }) === null;

/** A cell read as a date: a date cell, a date written as text, or (named a date) an Excel serial. */
export function cellDate(cell: SheetCell, namedDate: boolean): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cellText(cell);
  if (typeof cell === "number") return namedDate ? excelSerialIso(cell) : null;
  return typeof cell === "string" ? textDateIso(cell) : null;
}

/** Distinct non-empty texts, in order of first appearance, as options (value from the label's pinyin). */
export function optionsFromValues(values: readonly SheetCell[], limit = 50): ChoiceOption[] {
  const labels = [...new Set(values.map(cellText).filter((text) => text !== ""))].slice(0, limit);
  const taken: string[] = [];
  return labels.map((label) => {
    const value = keyFromLabel(label, taken, "option");
    taken.push(value);
    return { value, label };
  });
}

function typeFromValues(filled: readonly SheetCell[]): { type: FieldTypeKey; matched: number } | null {
  const share = (test: (cell: SheetCell) => boolean) => filled.filter(test).length;
  const decide = (type: FieldTypeKey, matched: number) => (matched >= filled.length * fitShare ? { type, matched } : null);
  return (
    decide(
      "id_number",
      share((c) => valid("id_number", cellText(c).toUpperCase())),
    ) ??
    decide(
      "phone",
      share((c) => /^1[3-9]\d{9}$/.test(cellText(c))),
    ) ??
    decide(
      "date",
      share((c) => cellDate(c, false) !== null),
    ) ??
    decide(
      "boolean",
      share((c) => yesNoCell(c) !== undefined && typeof c !== "number"),
    ) ??
    (filled.every(isNumeric) && filled.some((c) => decimals(Number(c)) > 0) && filled.every((c) => decimals(Number(c)) <= 2)
      ? { type: "money", matched: filled.length }
      : null) ??
    (filled.every(isNumeric) ? { type: "number", matched: filled.length } : null)
  );
}

function isChoiceColumn(filled: readonly SheetCell[]): boolean {
  const distinct = new Set(filled.map(cellText));
  return distinct.size <= maxChoices && distinct.size < filled.length && [...distinct].every((text) => text.length <= 20);
}

/** The options, wording and sensitivity a field of `type` needs, for this column's values. */
export function retypeProposal(field: ProposedField, type: FieldTypeKey, values: readonly SheetCell[]): ProposedField {
  const { options: _o, trueLabel: _t, falseLabel: _f, integer: _i, purpose: _p, purpose_en: _pe, ...common } = field;
  const purpose = purposes[type];
  const next: ProposedField = {
    ...common,
    type,
    sensitive: purpose !== undefined || (field.sensitive && field.type === type),
    // Excel keeps 15 significant digits: an ID number typed as a number has lost its last ones
    warnings: [
      ...(type === "id_number" && values.some((cell) => typeof cell === "number") ? (["id_as_number"] as const) : []),
      ...field.warnings.filter((warning) => warning !== "id_as_number"),
    ],
  };
  if (purpose) Object.assign(next, { purpose: purpose.zh, purpose_en: purpose.en });
  else if (next.sensitive) Object.assign(next, { purpose: field.purpose, purpose_en: field.purpose_en });
  if (type === "select" || type === "multiselect") {
    const options = optionsFromValues(values);
    const sexes = options.every((option) => option.label === "男" || option.label === "女");
    // 性别 reads 男 then 女 on every form, whichever the sheet's first row held
    if (/性别/.test(field.label) && sexes) next.options = optionsFromValues(["男", "女"]);
    else next.options = options.length > 0 ? options : optionsFromValues(["选项1"]);
  }
  if (type === "boolean") {
    const yes = values.find((c) => yesNoCell(c) === true && cellText(c) === "有");
    if (yes !== undefined) Object.assign(next, { trueLabel: "有", falseLabel: "无" });
  }
  if (type === "number") next.integer = values.filter((c) => !isBlankCell(c)).every((c) => isNumeric(c) && Number.isInteger(Number(c)));
  return next;
}

/** One column → a proposed field; `taken` holds the keys of the columns before it. */
export function inferField(header: string, values: readonly SheetCell[], taken: Iterable<string>): ProposedField {
  const label = header.trim();
  const sample = values.slice(0, sampleSize);
  const filled = sample.filter((cell) => !isBlankCell(cell));
  const named = namePatterns.find(([pattern]) => pattern.test(label))?.[1];
  const byValues = filled.length > 0 ? typeFromValues(filled) : null;
  let type: FieldTypeKey = "text";
  let evidence: InferenceEvidence = { by: "default" };
  if (named) {
    type = named;
    evidence = { by: "name" };
  } else if (byValues) {
    type = byValues.type;
    evidence = { by: "values", matched: byValues.matched, total: filled.length };
  } else if (filled.length > 0 && isChoiceColumn(filled)) {
    type = "select";
    evidence = { by: "values", matched: filled.length, total: filled.length };
  } else if (filled.some((cell) => cellText(cell).length > longText)) {
    type = "textarea";
    evidence = { by: "values", matched: filled.filter((cell) => cellText(cell).length > longText).length, total: filled.length };
  }
  const base: ProposedField = {
    label,
    key: keyFromLabel(label, [...taken, ...systemColumns], "field"),
    type,
    // a column every row answers is probably one the form should insist on (all rows, not the
    // sample: a blank far down would otherwise fail the import as "required")
    required: values.length > 0 && values.every((cell) => !isBlankCell(cell)),
    sensitive: false,
    evidence,
    warnings: [],
    samples: [...new Set(filled.map(cellText))].slice(0, 3),
  };
  // options from every row, so a choice first met after the sample is still one
  return retypeProposal(base, type, values);
}

/** Every named column → a proposed field, keys unique across the sheet. */
export function inferFields(headers: readonly string[], rows: readonly (readonly SheetCell[])[]): ProposedField[] {
  const keys: string[] = [];
  return headers.map((header, column) => {
    const field = inferField(
      header,
      rows.map((cells) => cells[column] ?? null),
      keys,
    );
    keys.push(field.key);
    const duplicate = headers.some((other, i) => i !== column && other.trim() === header.trim());
    return duplicate ? { ...field, warnings: [...field.warnings, "duplicate_label"] } : field;
  });
}

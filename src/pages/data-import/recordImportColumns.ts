// A service's fields as import columns: what a sheet can answer at intake. Files (attachments,
// images), sub-tables, users and the resident picker cannot come from a cell; derived fields are
// the database's; fields asked at a later step (stage) are refused before it. Choices and units
// become the template's 可选值; the record's unit is its record-unit field, or a 所属单位 column.
import type { ServiceDefinition, FieldDefinition } from "@/services/schema";
import type { ImportColumn } from "./importColumns";

const importableTypes = new Set([
  "text",
  "textarea",
  "number",
  "money",
  "date",
  "datetime",
  "boolean",
  "select",
  "multiselect",
  "phone",
  "id_number",
  "org_unit",
]);

/** The key of the extra column for services without a record-unit field. */
export const recordUnitColumn = "org_unit_id";

export interface RecordImportUnits {
  /** units the importer works in (id, label as lists name it, level) */
  units: readonly { id: string; label: string; level: string; aliases?: readonly string[] }[];
}

const atIntake = (field: FieldDefinition) => field.stage === undefined || field.stage === "intake";

type ChoiceOptions = { options?: { value: string; label: string; label_en?: string }[]; levels?: string[] };

const examples: Record<string, string> = {
  text: "",
  textarea: "",
  number: "1",
  money: "100.00",
  date: "2026-01-15",
  datetime: "2026-01-15 09:30",
  boolean: "是",
  phone: "13807431234",
  id_number: "433101194501010016",
};

export function recordImportColumns(definition: ServiceDefinition, { units }: RecordImportUnits): ImportColumn[] {
  const columns: ImportColumn[] = [];
  for (const field of definition.fields) {
    if (!importableTypes.has(field.type) || field.derive || !atIntake(field)) continue;
    const config = field as FieldDefinition & ChoiceOptions;
    const base = {
      key: field.key,
      label: field.label,
      labelEn: field.label_en ?? field.label,
      // a condition decides it per row; the row check says so where it applies
      required: field.required && !field.visibleWhen,
    };
    if (field.type === "select" || field.type === "multiselect") {
      const choices = (config.options ?? []).map((o) => ({ value: o.value, label: o.label, aliases: o.label_en ? [o.label_en] : [] }));
      columns.push({ ...base, choices, multiple: field.type === "multiselect", example: choices[0]?.label ?? "" });
    } else if (field.type === "org_unit") {
      const levels = config.levels;
      const choices = units.filter((u) => !levels || levels.includes(u.level)).map((u) => ({ value: u.id, label: u.label, aliases: u.aliases }));
      columns.push({ ...base, choices, example: choices[0]?.label ?? "" });
    } else {
      columns.push({ ...base, example: examples[field.type] ?? "", asText: field.type === "id_number" || field.type === "phone" });
    }
  }
  if (!definition.fields.some((field) => field.recordUnit)) {
    const choices = units.map((u) => ({ value: u.id, label: u.label, aliases: u.aliases }));
    columns.unshift({
      key: recordUnitColumn,
      label: "所属单位",
      labelEn: "Unit",
      required: true,
      choices,
      example: choices[0]?.label ?? "",
      hint: { zh: "记录所属的社区或网格", en: "The community or grid the record belongs to" },
    });
  }
  return columns;
}

/** Required fields a sheet cannot fill (a photo, a file, a sub-table …): such a service cannot be imported. */
export function unimportableRequired(definition: ServiceDefinition): FieldDefinition[] {
  return definition.fields.filter((field) => field.required && !field.visibleWhen && atIntake(field) && !field.derive && !importableTypes.has(field.type));
}

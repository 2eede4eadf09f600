// The draft service a sheet becomes: the confirmed fields plus the parts every service needs (list,
// a register's one-state workflow, permissions, texts), filled with what suits a roster, so the draft parses
// and publishes as it is; the admin refines it in the designer.
import { fieldTypes } from "@/field-types";
import type { ServiceDefinitionInput } from "@/services/schema";
import { keyFromLabel } from "../designer/keyFromLabel";
import type { ProposedField } from "./inferFields";

export interface SheetServiceInput {
  name: string;
  /** the service key; defaults to one made from the name */
  key?: string;
  /** the file the fields came from, named in the description */
  sourceName: string;
  fields: readonly ProposedField[];
}

/** Columns a list shows first: a roster's leading columns are usually its identifying ones. */
const listColumnCount = 6;

function fieldJson(field: ProposedField): ServiceDefinitionInput["fields"][number] {
  const { label, key, type, required, sensitive, purpose, purpose_en, options, trueLabel, falseLabel, integer } = field;
  return {
    key,
    label,
    type,
    required,
    ...(sensitive ? { sensitive, purpose, purpose_en } : {}),
    ...(options && (type === "select" || type === "multiselect") ? { options } : {}),
    ...(type === "boolean" && trueLabel ? { trueLabel, falseLabel } : {}),
    ...(type === "number" && integer ? { integer } : {}),
  };
}

/** A complete definition for parseServiceDefinition (and the database's check on publish). */
export function buildSheetDefinition({ name, key, sourceName, fields }: SheetServiceInput): ServiceDefinitionInput {
  const keys = fields.map((field) => field.key);
  const ofTypes = (...types: string[]) => fields.filter((field) => types.includes(field.type)).map((field) => field.key);
  return {
    key: key ?? keyFromLabel(name, [], "sheet"),
    name,
    category: "台账",
    category_en: "Registers",
    icon: "SolutionOutlined",
    description: `由表格「${sourceName}」生成的台账，共 ${fields.length} 项。`,
    description_en: `A register made from the spreadsheet "${sourceName}", ${fields.length} items.`,
    purpose: "登记、核实和维护本单位台账信息，用于日常服务与管理。",
    purpose_en: "To register, verify and keep this unit's register up to date for everyday services and management.",
    fields: fields.map(fieldJson),
    list: {
      columns: [...keys.slice(0, listColumnCount), "status"],
      defaultSort: { field: "created_at", order: "desc" },
      filterable: [...ofTypes("select", "boolean", "date"), "status"],
      // free text only: ID numbers and phones are found by exact search, never by a partial match
      searchable: fields.filter((field) => !field.sensitive && fieldTypes[field.type].searchable).map((field) => field.key),
      pageSize: 20,
    },
    // a register, not a process: one state and no transitions, so 200 imported residents do not
    // become 200 items in everyone's 待办; the admin adds steps (核实, 注销 …) in the designer
    workflow: {
      initial: "listed",
      states: [{ key: "listed", label: "在册", label_en: "Listed", color: "green" }],
      transitions: [],
    },
    permissions: {
      community_admin: ["read", "create", "update", "delete", "export", "view_sensitive"],
      staff: ["read", "create", "update", "export"],
      leader: ["read"],
    },
    dashboard: {
      widgets: [
        { key: "total", title: "登记总数", title_en: "Entries", kind: "metric", metric: "count" },
        { key: "by_status", title: "按状态", title_en: "By status", kind: "pie", metric: "count", groupBy: "status" },
      ],
    },
  };
}

import { z } from "zod";
import { operatorSets } from "../operators";
import { placeholderOption } from "../shared/configParts";
import type { CellText, FieldOf, FieldTypeDefinition, TextContext } from "../types";
import { noParts, textAsIs } from "../shared/textForms";
import { everyTypeRoutines } from "../shared/sqlRoutines";

export const residentConfigSchema = z.strictObject({
  ...placeholderOption,
});

export type ResidentField = FieldOf<typeof residentConfigSchema>;

/** The person's name where the view knows it; 无权查看 for a person the reader may not read; else the stored id. */
function residentText(_field: unknown, value: unknown, { lookups, language }: TextContext): CellText {
  const id = String(value);
  if (lookups?.residentHidden?.(id)) return language === "en" ? "Not yours to view" : "无权查看";
  return lookups?.residentName?.(id) ?? id;
}

/**
 * A person in the resident registry (一人一档): the answer is their id; the database links the
 * record to them (records.resident_id, only for a person the writer reads), and the form fills
 * the fields whose `prefillFrom` names a registry attribute from them (docs/residents.md).
 */
export const residentDefinition = {
  key: "resident",
  label: { zh: "居民", en: "Resident" },
  icon: "IdcardOutlined",
  storage: "string",
  configSchema: residentConfigSchema,
  filterOperators: operatorSets.reference,
  sortable: true,
  searchable: false,
  multiple: false,
  holdsFiles: false,
  lookup: "resident",
  mask: "generic",
  sqlRoutines: [...everyTypeRoutines, "private.records_link_answer", "private.resident_raw_values"],
  toText: residentText,
  fromText: textAsIs,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof residentConfigSchema>;

import { z } from "zod";
import { operatorSets } from "../operators";
import { placeholderOption } from "../shared/configParts";
import type { FieldOf, FieldTypeDefinition } from "../types";
import { noParts, plainText, textAsIs } from "../shared/textForms";
import { columnTypeRoutines } from "../shared/sqlRoutines";

export const idNumberConfigSchema = z.strictObject({ ...placeholderOption });

export type IdNumberField = FieldOf<typeof idNumberConfigSchema>;

export const idNumberDefinition = {
  key: "id_number",
  label: { zh: "身份证号", en: "ID number" },
  icon: "IdcardOutlined",
  storage: "string",
  configSchema: idNumberConfigSchema,
  filterOperators: operatorSets.identifier,
  sortable: true,
  searchable: true,
  multiple: false,
  holdsFiles: false,
  lookup: null,
  mask: "id_number",
  sqlRoutines: [...columnTypeRoutines, "private.is_valid_id_number", "private.id_number_check_char", "private.mask_id_number"],
  toText: plainText,
  fromText: textAsIs,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof idNumberConfigSchema>;

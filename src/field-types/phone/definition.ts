import { z } from "zod";
import { operatorSets } from "../operators";
import { placeholderOption } from "../shared/configParts";
import type { FieldOf, FieldTypeDefinition } from "../types";
import { noParts, plainText, textAsIs } from "../shared/textForms";
import { columnTypeRoutines } from "../shared/sqlRoutines";

export const phoneConfigSchema = z.strictObject({
  /** absent means either kind is accepted */
  kind: z.enum(["mobile", "landline", "any"]).optional(),
  ...placeholderOption,
});

export type PhoneField = FieldOf<typeof phoneConfigSchema>;

export const phoneDefinition = {
  key: "phone",
  label: { zh: "电话", en: "Phone" },
  icon: "PhoneOutlined",
  storage: "string",
  configSchema: phoneConfigSchema,
  filterOperators: operatorSets.identifier,
  sortable: true,
  searchable: true,
  multiple: false,
  holdsFiles: false,
  lookup: null,
  mask: "phone",
  sqlRoutines: [...columnTypeRoutines, "private.is_valid_phone", "private.mask_phone"],
  toText: plainText,
  fromText: textAsIs,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof phoneConfigSchema>;

import { z } from "zod";
import { roleKeySchema } from "@/contract";
import { operatorSets } from "../operators";
import { placeholderOption } from "../shared/configParts";
import type { FieldOf, FieldTypeDefinition } from "../types";
import { lookupText, noParts, textAsIs } from "../shared/textForms";
import { everyTypeRoutines } from "../shared/sqlRoutines";

export const userConfigSchema = z.strictObject({
  /** a hint for the search loader: only offer users holding one of these roles */
  roles: z.array(roleKeySchema).min(1).optional(),
  ...placeholderOption,
});

export type UserField = FieldOf<typeof userConfigSchema>;

export const userDefinition = {
  key: "user",
  label: { zh: "人员", en: "User" },
  icon: "UserOutlined",
  storage: "string",
  configSchema: userConfigSchema,
  filterOperators: operatorSets.reference,
  sortable: true,
  searchable: false,
  multiple: false,
  holdsFiles: false,
  lookup: "user",
  mask: "generic",
  sqlRoutines: [...everyTypeRoutines],
  toText: lookupText("userName"),
  fromText: textAsIs,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof userConfigSchema>;

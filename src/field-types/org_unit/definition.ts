import { z } from "zod";
import { orgUnitLevels } from "@/contract";
import { operatorSets } from "../operators";
import { placeholderOption } from "../shared/configParts";
import type { FieldOf, FieldTypeDefinition } from "../types";
import { noParts, orgUnitText, textAsIs } from "../shared/textForms";
import { everyTypeRoutines } from "../shared/sqlRoutines";

export const orgUnitConfigSchema = z.strictObject({
  /** only units at these levels can be chosen, e.g. ["grid"] for 所属网格 */
  levels: z.array(z.enum(orgUnitLevels)).min(1).optional(),
  ...placeholderOption,
});

export type OrgUnitField = FieldOf<typeof orgUnitConfigSchema>;

export const orgUnitDefinition = {
  key: "org_unit",
  label: { zh: "组织/网格", en: "Org unit" },
  icon: "ApartmentOutlined",
  storage: "string",
  configSchema: orgUnitConfigSchema,
  filterOperators: operatorSets.reference,
  sortable: true,
  searchable: false,
  multiple: false,
  holdsFiles: false,
  lookup: "org_unit",
  mask: "generic",
  sqlRoutines: [...everyTypeRoutines],
  toText: orgUnitText,
  fromText: textAsIs,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof orgUnitConfigSchema>;

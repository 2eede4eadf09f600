import type { FieldType } from "../types";
import { orgUnitConfigSchema, orgUnitDefinition } from "./definition";
import { OrgUnitCell } from "./Cell";
import { OrgUnitInput } from "./Input";
import { validateOrgUnit } from "./validate";

export const org_unit = {
  ...orgUnitDefinition,
  validate: validateOrgUnit,
  Input: OrgUnitInput,
  Cell: OrgUnitCell,
} satisfies FieldType<typeof orgUnitConfigSchema>;

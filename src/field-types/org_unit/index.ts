import type { FieldType } from "../types";
import { orgUnitConfigSchema, orgUnitDefinition } from "./definition";
import { OrgUnitCell } from "./Cell";
import { lazyComponent } from "../shared/lazyComponent";
import { validateOrgUnit } from "./validate";

export const org_unit = {
  ...orgUnitDefinition,
  validate: validateOrgUnit,
  Input: lazyComponent(() => import("./Input").then((m) => m.OrgUnitInput)),
  Cell: OrgUnitCell,
} satisfies FieldType<typeof orgUnitConfigSchema>;

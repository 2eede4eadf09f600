import type { FieldType } from "../types";
import { residentConfigSchema, residentDefinition } from "./definition";
import { ResidentCell } from "./Cell";
import { lazyComponent } from "../shared/lazyComponent";
import { validateResident } from "./validate";

export const resident = {
  ...residentDefinition,
  validate: validateResident,
  Input: lazyComponent(() => import("./Input").then((m) => m.ResidentInput)),
  Cell: ResidentCell,
} satisfies FieldType<typeof residentConfigSchema>;

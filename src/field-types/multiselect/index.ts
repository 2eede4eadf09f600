import type { FieldType } from "../types";
import { multiselectConfigSchema, multiselectDefinition } from "./definition";
import { MultiselectCell } from "./Cell";
import { lazyComponent } from "../shared/lazyComponent";
import { validateMultiselect } from "./validate";

export const multiselect = {
  ...multiselectDefinition,
  validate: validateMultiselect,
  Input: lazyComponent(() => import("./Input").then((m) => m.MultiselectInput)),
  Cell: MultiselectCell,
} satisfies FieldType<typeof multiselectConfigSchema>;

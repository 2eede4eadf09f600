import type { FieldType } from "../types";
import { selectConfigSchema, selectDefinition } from "./definition";
import { SelectCell } from "./Cell";
import { lazyComponent } from "../shared/lazyComponent";
import { validateSelect } from "./validate";

export const select = {
  ...selectDefinition,
  validate: validateSelect,
  Input: lazyComponent(() => import("./Input").then((m) => m.SelectInput)),
  Cell: SelectCell,
} satisfies FieldType<typeof selectConfigSchema>;

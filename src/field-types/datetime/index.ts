import type { FieldType } from "../types";
import { datetimeConfigSchema, datetimeDefinition } from "./definition";
import { DatetimeCell } from "./Cell";
import { lazyComponent } from "../shared/lazyComponent";
import { validateDatetime } from "./validate";

export const datetime = {
  ...datetimeDefinition,
  validate: validateDatetime,
  Input: lazyComponent(() => import("./Input").then((m) => m.DatetimeInput)),
  Cell: DatetimeCell,
} satisfies FieldType<typeof datetimeConfigSchema>;

import type { FieldType } from "../types";
import { datetimeConfigSchema, datetimeDefinition } from "./definition";
import { DatetimeCell } from "./Cell";
import { DatetimeInput } from "./Input";
import { validateDatetime } from "./validate";

export const datetime = {
  ...datetimeDefinition,
  validate: validateDatetime,
  Input: DatetimeInput,
  Cell: DatetimeCell,
} satisfies FieldType<typeof datetimeConfigSchema>;

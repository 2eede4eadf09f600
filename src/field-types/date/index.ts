import type { FieldType } from "../types";
import { dateConfigSchema, dateDefinition } from "./definition";
import { DateCell } from "./Cell";
import { lazyComponent } from "../shared/lazyComponent";
import { isIsoDate } from "../shared/dates";
import { validateDate } from "./validate";

export const date = {
  ...dateDefinition,
  validate: validateDate,
  // year 0 has no date in Postgres (private.answer_birth_date)
  birthDate: (value: unknown) => (typeof value === "string" && isIsoDate(value) && !value.startsWith("0000") ? value : null),
  Input: lazyComponent(() => import("./Input").then((m) => m.DateInput)),
  Cell: DateCell,
} satisfies FieldType<typeof dateConfigSchema>;

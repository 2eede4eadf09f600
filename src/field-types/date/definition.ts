import { z } from "zod";
import { msg } from "@/contract";
import { operatorSets } from "../operators";
import { limitsInOrder, placeholderOption } from "../shared/configParts";
import { isIsoDate } from "../shared/dates";
import type { FieldOf, FieldTypeDefinition } from "../types";
import { noParts, plainText, textAsIs } from "../shared/textForms";
import { columnTypeRoutines } from "../shared/sqlRoutines";

/** A limit is a fixed date or "today" (e.g. 退役时间 cannot be in the future). */
const dateLimit = z
  .string()
  .refine((value) => value === "today" || isIsoDate(value), msg("date_limit_format"))
  .optional();

export const dateConfigSchema = z.strictObject({ min: dateLimit, max: dateLimit, ...placeholderOption }).superRefine(limitsInOrder("min", "max"));

export type DateField = FieldOf<typeof dateConfigSchema>;

export const dateDefinition = {
  key: "date",
  label: { zh: "日期", en: "Date" },
  icon: "CalendarOutlined",
  storage: "string",
  configSchema: dateConfigSchema,
  filterOperators: operatorSets.range,
  sortable: true,
  searchable: false,
  multiple: false,
  holdsFiles: false,
  lookup: null,
  mask: "generic",
  sqlRoutines: [...columnTypeRoutines, "private.is_iso_date", "private.is_calendar_date", "private.local_today"],
  toText: plainText,
  fromText: textAsIs,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof dateConfigSchema>;

import { z } from "zod";
import { operatorSets } from "../operators";
import { placeholderOption } from "../shared/configParts";
import type { FieldOf, FieldTypeDefinition } from "../types";
import { noParts, plainText, textAsIs } from "../shared/textForms";
import { everyTypeRoutines } from "../shared/sqlRoutines";

export const datetimeConfigSchema = z.strictObject({ ...placeholderOption });

export type DatetimeField = FieldOf<typeof datetimeConfigSchema>;

export const datetimeDefinition = {
  key: "datetime",
  label: { zh: "日期时间", en: "Date and time" },
  icon: "FieldTimeOutlined",
  storage: "string",
  configSchema: datetimeConfigSchema,
  filterOperators: operatorSets.range,
  sortable: true,
  searchable: false,
  multiple: false,
  holdsFiles: false,
  lookup: null,
  mask: "generic",
  sqlRoutines: [...everyTypeRoutines, "private.is_iso_datetime", "private.is_calendar_date"],
  toText: plainText,
  fromText: textAsIs,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof datetimeConfigSchema>;

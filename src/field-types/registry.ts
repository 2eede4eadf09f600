import { attachment } from "./attachment";
import { boolean } from "./boolean";
import { date } from "./date";
import { datetime } from "./datetime";
import { id_number } from "./id_number";
import { image } from "./image";
import { money } from "./money";
import { multiselect } from "./multiselect";
import { number } from "./number";
import { org_unit } from "./org_unit";
import { phone } from "./phone";
import { resident } from "./resident";
import { select } from "./select";
import { subTableType } from "./sub_table";
import { text } from "./text";
import { textarea } from "./textarea";
import type { FieldTypeRegistry } from "./types";
import { user } from "./user";

/** What a sub_table row may hold: scalars only (sub_table/definition.ts says why). */
const columnTypes = { text, textarea, number, money, date, boolean, select, id_number, phone };

/**
 * THE field-type registry: the only place that knows which types exist. Adding a type is one
 * folder and one line here; views, schema and validation pick it up from this map.
 */
export const fieldTypes = {
  text,
  textarea,
  number,
  money,
  date,
  datetime,
  boolean,
  select,
  multiselect,
  id_number,
  phone,
  org_unit,
  user,
  resident,
  attachment,
  image,
  sub_table: subTableType(columnTypes),
} as const satisfies FieldTypeRegistry;

export type FieldTypeKey = keyof typeof fieldTypes;

export const fieldTypeKeys = Object.keys(fieldTypes) as FieldTypeKey[];

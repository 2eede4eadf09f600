// A field type's options, read from its zod configSchema, as the controls the config panel
// draws: the panel never lists a type's options by hand, so a new option or a new type shows
// up in the designer without touching it.
import { z } from "zod";

export type ConfigControl =
  /** text, with its English twin when the schema has `<key>_en` */
  | { key: string; kind: "text"; enKey?: string }
  | { key: string; kind: "number"; integer: boolean; min?: number; max?: number }
  | { key: string; kind: "boolean" }
  | { key: string; kind: "enum"; values: string[] }
  | { key: string; kind: "enumList"; values: string[] }
  | { key: string; kind: "tags" }
  /** the choices of a select / multiselect: value, label, label_en */
  | { key: string; kind: "options" }
  /** a sub-table's columns */
  | { key: string; kind: "columns" };

/** Options the common part of the panel already shows. */
const shownElsewhere = new Set(["placeholder", "placeholder_en"]);

type Schema = z.core.$ZodType;

function unwrap(schema: Schema): Schema {
  const def = schema._zod.def;
  if (def.type === "optional" || def.type === "default" || def.type === "nullable") return unwrap((def as z.core.$ZodOptionalDef).innerType);
  return schema;
}

const enumValues = (schema: Schema): string[] => Object.values((schema._zod.def as z.core.$ZodEnumDef).entries).map(String);

function controlFor(key: string, schema: Schema, shape: Readonly<Record<string, Schema>>): ConfigControl {
  const inner = unwrap(schema);
  const def = inner._zod.def;
  switch (def.type) {
    case "string":
      return Object.hasOwn(shape, `${key}_en`) ? { key, kind: "text", enKey: `${key}_en` } : { key, kind: "text" };
    case "number": {
      const number = inner as unknown as z.ZodNumber;
      const bound = (value: number | null) => (value !== null && Number.isFinite(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined);
      return { key, kind: "number", integer: number.isInt, min: bound(number.minValue), max: bound(number.maxValue) };
    }
    case "boolean":
      return { key, kind: "boolean" };
    case "enum":
      return { key, kind: "enum", values: enumValues(inner) };
    case "array": {
      const element = unwrap((def as z.core.$ZodArrayDef).element);
      const elementType = element._zod.def.type;
      if (elementType === "string") return { key, kind: "tags" };
      if (elementType === "enum") return { key, kind: "enumList", values: enumValues(element) };
      if (elementType === "object") {
        const elementShape = (element as unknown as z.ZodObject).shape;
        if ("value" in elementShape && "label" in elementShape) return { key, kind: "options" };
        if ("key" in elementShape && "type" in elementShape) return { key, kind: "columns" };
      }
      break;
    }
  }
  throw new Error(`No designer control for option "${key}" (${def.type}) of a field type's configSchema`);
}

/** The controls for a type's options, in the schema's order; English twins join their text. */
export function configControls(configSchema: z.ZodObject): ConfigControl[] {
  const shape = configSchema.shape as Readonly<Record<string, Schema>>;
  return Object.entries(shape)
    .filter(([key]) => !shownElsewhere.has(key) && !(key.endsWith("_en") && Object.hasOwn(shape, key.slice(0, -3))))
    .map(([key, schema]) => controlFor(key, schema, shape));
}

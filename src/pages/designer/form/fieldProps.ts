import { fieldTypes } from "@/field-types";
import type { DraftField } from "../designerDoc";

/**
 * The object with `key` set, or without it when the value is "nothing" (undefined, blank text,
 * an empty list): an absent option means the type's default, and optional texts may not be blank.
 */
export function withProp<T extends object>(object: T, key: string, value: unknown): T {
  const nothing = value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
  if (nothing) return Object.fromEntries(Object.entries(object).filter(([name]) => name !== key)) as T;
  return { ...object, [key]: value };
}

/** The registry's entry for a type, or undefined for a type the registry does not know. */
export function typeOf(type: string) {
  return Object.hasOwn(fieldTypes, type) ? fieldTypes[type as keyof typeof fieldTypes] : undefined;
}

/** Whether the field's type has a placeholder option. */
export function takesPlaceholder(field: DraftField): boolean {
  const type = typeOf(field.type);
  return type !== undefined && "placeholder" in type.configSchema.shape;
}

export const textOf = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

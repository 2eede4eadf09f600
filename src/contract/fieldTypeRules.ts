import type { z } from "zod";
import type { FieldIssue } from "./fieldIssue";

/** What every field (and every sub_table column) has, whatever its type. */
export interface FieldLike {
  key: string;
  label: string;
  label_en?: string;
  type: string;
  required?: boolean;
  help?: string;
  help_en?: string;
}

export interface ValidationContext {
  /** "Today" for rules such as date max "today"; injected so validation stays pure. */
  now: Date;
}

/**
 * The part of a field type that service definitions and record validation need. services/
 * receives the registry (src/field-types) as a map of these, so neither folder imports the
 * other: the caller that has both hands one to the other.
 */
export interface FieldTypeRules {
  /** Options of this type, flat on the field next to the common keys; strict. */
  configSchema: z.ZodObject;
  /** Free-text search (ilike on the answer's text) makes sense for it. */
  searchable: boolean;
  /** Type rules for a non-empty value; `required` is decided by the caller. */
  validate(field: FieldLike, value: unknown, context: ValidationContext): FieldIssue | null;
  /** The birth date (YYYY-MM-DD) an answer states, for derived ages and birth dates (id_number, date). */
  birthDate?(value: unknown): string | null;
  /** The sex an answer states, for derived values (id_number). */
  sex?(value: unknown): "male" | "female" | null;
}

export type FieldTypeCatalog = Readonly<Record<string, FieldTypeRules>>;

import { z } from "zod";
import { keySchema } from "./keySchema";

/**
 * A value computed from other fields (data, never code). The form shows it read-only and
 * computes it live; the database recomputes it on every write, so a value the client sends is
 * never trusted (private.derive_record_values). Which source and target types fit each
 * function is checked by crossCheckDerive.ts and private.check_service_definition.
 * - birth_date / sex: from an id_number field (sex is "male" or "female");
 * - age: completed years at the date of the write, from an id_number or a date field;
 * - sum: of number/money fields (empty answers count as nothing; all empty → no value);
 * - difference: of[0] − of[1], both answered;
 * - days_between: days from `from` to `to` (dates), negative when `to` comes first.
 */
export const deriveSchema = z.discriminatedUnion("fn", [
  z.strictObject({ fn: z.literal("birth_date"), from: keySchema }),
  z.strictObject({ fn: z.literal("sex"), from: keySchema }),
  z.strictObject({ fn: z.literal("age"), from: keySchema }),
  z.strictObject({ fn: z.literal("sum"), of: z.array(keySchema).min(1) }),
  z.strictObject({ fn: z.literal("difference"), of: z.tuple([keySchema, keySchema]) }),
  z.strictObject({ fn: z.literal("days_between"), from: keySchema, to: keySchema }),
]);

export type Derivation = z.infer<typeof deriveSchema>;

/** The fields a derivation reads. */
export function derivationSources(derive: Derivation): string[] {
  if ("of" in derive) return [...derive.of];
  if ("to" in derive) return [derive.from, derive.to];
  return [derive.from];
}

/**
 * A default as data, applied by the create form and, for answers still missing, by the
 * database on insert: a constant, the current user (user fields), now (datetime) or today
 * (date).
 */
export const defaultSchema = z.union([
  z.strictObject({ currentUser: z.literal(true) }),
  z.strictObject({ now: z.literal(true) }),
  z.strictObject({ today: z.literal(true) }),
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
]);

export type FieldDefault = z.infer<typeof defaultSchema>;

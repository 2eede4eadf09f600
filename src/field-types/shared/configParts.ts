import { z } from "zod";
import { msg } from "@/contract";

/** Config building blocks shared by several types, so the same option means the same thing. */

const isValidRegex = (source: string): boolean => {
  try {
    new RegExp(source, "u");
    return true;
  } catch {
    return false;
  }
};

export const lengthLimits = {
  minLength: z.int().min(0).optional(),
  maxLength: z.int().min(1).optional(),
};

export const patternOption = {
  /** Kept to the subset JS and Postgres regexes share (anchors, classes, \d, quantifiers). */
  pattern: z.string().min(1).refine(isValidRegex, msg("pattern_invalid")).optional(),
  pattern_message: z.string().optional(),
  pattern_message_en: z.string().optional(),
};

export const numberLimits = {
  min: z.number().optional(),
  max: z.number().optional(),
};

/** Shared refinement: lower ≤ upper for whatever pair of option keys a type uses. */
export function limitsInOrder(lower: string, upper: string) {
  return (config: Readonly<Record<string, unknown>>, ctx: z.RefinementCtx) => {
    const a = config[lower];
    const b = config[upper];
    // "today" is only known at validation time, so it is never out of order here
    const bothNumbers = typeof a === "number" && typeof b === "number";
    const bothDates = typeof a === "string" && typeof b === "string" && a !== "today" && b !== "today";
    if ((bothNumbers || bothDates) && a > b) {
      ctx.addIssue({ code: "custom", path: [upper], message: "range_order" });
    }
  };
}

export const placeholderOption = {
  placeholder: z.string().optional(),
  placeholder_en: z.string().optional(),
};

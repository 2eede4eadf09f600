import { z } from "zod";
import { msg } from "@/contract";
import type { Language } from "../types";
import { pickText } from "@/contract";

/**
 * Choices are stored by `value` (stable codes, e.g. GB/T 2261 codes); labels may change
 * without touching old records.
 */
export const choiceOptionSchema = z.strictObject({
  value: z.string().min(1),
  label: z.string().min(1),
  label_en: z.string().optional(),
  /** antd tag colour shown in cells */
  color: z.string().optional(),
});
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

export const choiceOptionsSchema = z
  .array(choiceOptionSchema, msg("select_options_min"))
  .min(1, msg("select_options_min"))
  .superRefine((options, ctx) => {
    const seen = new Set<string>();
    options.forEach((option, index) => {
      if (seen.has(option.value)) {
        ctx.addIssue({ code: "custom", path: [index, "value"], message: "duplicate_option", params: { value: option.value } });
      }
      seen.add(option.value);
    });
  });

export function choiceLabel(options: readonly ChoiceOption[], value: unknown, language?: Language): string {
  const option = options.find((o) => o.value === value);
  return option ? pickText(language, option.label, option.label_en) : String(value);
}

/** Text → a stored value: a value as it is, else the value of the option with that label (zh or en); other text unchanged. */
export function choiceValue(options: readonly ChoiceOption[], text: string): string {
  if (options.some((o) => o.value === text)) return text;
  return options.find((o) => o.label === text || o.label_en === text)?.value ?? text;
}

export function toSelectOptions(options: readonly ChoiceOption[], language?: Language) {
  return options.map((o) => ({ value: o.value, label: pickText(language, o.label, o.label_en) }));
}

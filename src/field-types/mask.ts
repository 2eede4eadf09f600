import type { MaskKind } from "./types";

/**
 * Display masks (脱敏) for exports, notices and previews. The database masks what the API
 * returns to users without view_sensitive; these helpers give the same shapes client-side.
 * Already-masked input (containing "*") is returned unchanged so masking twice is harmless.
 */

const chars = (value: string) => [...value];

/** Keep the first `head` and last `tail` characters, star the rest (at least one star). */
export function maskMiddle(value: string, head: number, tail: number): string {
  const c = chars(value);
  if (value.includes("*")) return value;
  if (c.length <= head + tail) return maskGeneric(value);
  return c.slice(0, head).join("") + "*".repeat(c.length - head - tail) + c.slice(c.length - tail).join("");
}

/**
 * 433101199001010045 → 433**************5: province, first digit of the city and the check
 * character. No more: with the age in clear and the region known from the record's unit, the
 * old 6 + 4 left ~34 possible numbers; 3 + 1 leaves ≥ 10,000 (docs/security-model.md,
 * scripts/measure-id-mask.ts). The database masks the same way (private.mask_id_number).
 */
export function maskIdNumber(value: string): string {
  return maskMiddle(value, 3, 1);
}

/**
 * 13812345678 → 138****5678; 0743-8221234 → 0743-*****34 (area code kept). At least 10,000
 * numbers fit each mask: a mobile hides 4 free digits; a landline hides all but the last 2 of
 * its local number (a 7-digit one showing 4 left only 800). private.mask_phone agrees.
 */
export function maskPhone(value: string): string {
  if (value.includes("*")) return value;
  const landline = /^(0\d{2,3}-?)(\d+)$/.exec(value);
  if (landline) return landline[1] + maskMiddle(landline[2], 0, 2);
  return maskMiddle(value, 3, 4);
}

/** Names and other text: 吴秀兰 → 吴*兰, 张三 → 张*, 李 → *. */
export function maskGeneric(value: string): string {
  const c = chars(value);
  if (value.includes("*")) return value;
  if (c.length <= 1) return "*".repeat(c.length);
  if (c.length === 2) return `${c[0]}*`;
  return c[0] + "*".repeat(c.length - 2) + c[c.length - 1];
}

/** A sensitive answer's text as the database masks it (private.mask_answer), by the type's mask kind. */
export function maskAnswerText(kind: MaskKind, text: string): string {
  switch (kind) {
    case "id_number":
      return maskIdNumber(text);
    case "phone":
      return maskPhone(text);
    case "generic":
      return maskGeneric(text);
    case "whole":
      return "***";
  }
}

import { pickText } from "@/contract";
import type { FieldLike, Language } from "../types";

export function fieldLabel(field: FieldLike, language?: Language): string {
  return pickText(language, field.label, field.label_en);
}

export const emptyCellText = "—";

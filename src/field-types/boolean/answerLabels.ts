import { pickText } from "@/contract";
import type { Language } from "../types";
import type { BooleanField } from "./definition";

export function booleanAnswerLabels(field: BooleanField, language?: Language) {
  return {
    yes: pickText(language, field.trueLabel ?? "是", field.trueLabel_en ?? "Yes"),
    no: pickText(language, field.falseLabel ?? "否", field.falseLabel_en ?? "No"),
  };
}

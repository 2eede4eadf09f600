import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import { ChoiceTag } from "./ChoiceTag";
import type { SelectField } from "./definition";

export function SelectCell({ field, value, language }: FieldCellProps<SelectField>) {
  if (typeof value !== "string" || value === "") return <>{emptyCellText}</>;
  return <ChoiceTag options={field.options} value={value} language={language} />;
}

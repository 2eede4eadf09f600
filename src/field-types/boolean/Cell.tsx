import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import { booleanAnswerLabels } from "./answerLabels";
import type { BooleanField } from "./definition";

export function BooleanCell({ field, value, language }: FieldCellProps<BooleanField>) {
  if (typeof value !== "boolean") return <>{emptyCellText}</>;
  const { yes, no } = booleanAnswerLabels(field, language);
  return <>{value ? yes : no}</>;
}

import { emptyCellText } from "../shared/labels";
import { ChoiceTag } from "../select/ChoiceTag";
import type { FieldCellProps } from "../types";
import type { MultiselectField } from "./definition";

export function MultiselectCell({ field, value, language }: FieldCellProps<MultiselectField>) {
  if (!Array.isArray(value) || value.length === 0) return <>{emptyCellText}</>;
  return (
    <>
      {value.map((item, index) => (
        <span key={String(item)}>
          {index > 0 && !field.options.some((o) => o.color) ? "、" : null}
          <ChoiceTag options={field.options} value={item} language={language} />
        </span>
      ))}
    </>
  );
}

import { Tag } from "antd";
import { choiceLabel, type ChoiceOption } from "../shared/choiceOptions";
import type { Language } from "../types";

/** A coloured tag when the option has a colour, plain text otherwise; shared with multiselect. */
export function ChoiceTag({ options, value, language }: { options: readonly ChoiceOption[]; value: unknown; language?: Language }) {
  const label = choiceLabel(options, value, language);
  const color = options.find((option) => option.value === value)?.color;
  return color ? <Tag color={color}>{label}</Tag> : <>{label}</>;
}

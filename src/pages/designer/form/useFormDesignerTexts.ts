import { pickText } from "@/contract";
import { dictionaries, useT } from "@/i18n";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import type { FieldProblem } from "./fieldErrors";

type OptionKey = keyof (typeof dictionaries)["zh-CN"]["formDesigner"]["option"];
type ValueKey = keyof (typeof dictionaries)["zh-CN"]["formDesigner"]["value"];

const isOptionKey = (key: string): key is OptionKey => Object.hasOwn(dictionaries["zh-CN"].formDesigner.option, key);
const isValueKey = (key: string): key is ValueKey => Object.hasOwn(dictionaries["zh-CN"].formDesigner.value, key);

/** The form designer's words: option names, enum values, problems and labels in the reader's language. */
export function useFormDesignerTexts() {
  const t = useT();
  const language = useFieldLanguage();
  return {
    t,
    language,
    /** a type option's name (`maxLength` → 最多字数); an option without words shows its key */
    optionName: (key: string) => (isOptionKey(key) ? t(`formDesigner.option.${key}`) : key),
    valueName: (value: string) => (isValueKey(value) ? t(`formDesigner.value.${value}`) : value),
    problemText: (problems: readonly FieldProblem[]) => problems.map((problem) => (language === "en" ? problem.message_en : problem.message_zh)).join("；"),
    label: (item: { label?: unknown; label_en?: unknown }) =>
      pickText(language, String(item.label ?? ""), typeof item.label_en === "string" ? item.label_en : undefined),
  };
}

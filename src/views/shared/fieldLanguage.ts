import type { Language } from "@/contract";
import { useLocale, type LocaleKey } from "@/i18n";

/** The app's locale in the field registry's terms (definitions carry zh and optional en). */
export function fieldLanguage(locale: LocaleKey): Language {
  return locale === "en" ? "en" : "zh";
}

export function useFieldLanguage(): Language {
  return fieldLanguage(useLocale());
}

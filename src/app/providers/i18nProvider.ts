import type { I18nProvider } from "@refinedev/core";
import { getLocale, setLocale, translateIn, type LocaleKey } from "@/i18n";

/**
 * A provider bound to one locale. The app creates a new one when the locale changes: Refine's
 * useTranslate memoises on the provider's identity, so a new object re-renders every label.
 * getLocale reads the store rather than the bound locale because Refine's useGetLocale keeps
 * the first provider it saw.
 */
export function createI18nProvider(locale: LocaleKey): I18nProvider {
  return {
    translate: (key, options, defaultMessage) => translateIn(locale, key, options, defaultMessage),
    changeLocale: (next) => setLocale(next),
    getLocale,
  };
}

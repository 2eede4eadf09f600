export { dictionaries, defaultLocale, getLocale, setLocale, subscribeLocale, translate, translateIn, isLocaleKey } from "./locale";
export type { LocaleKey } from "./locale";
export type { Messages, TranslationKey, TranslationParams } from "./messages";
export { useT, useLocale } from "./useT";
export { localizeError } from "./localizeError";

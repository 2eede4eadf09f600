import { useTranslate } from "@refinedev/core";
import { useCallback, useSyncExternalStore } from "react";
import { getLocale, subscribeLocale, type LocaleKey } from "./locale";
import type { TranslationKey, TranslationParams } from "./messages";

/** Refine's translate, narrowed to keys that exist in our dictionaries (typos fail `tsc`). */
export function useT(): (key: TranslationKey, params?: TranslationParams) => string {
  const translate = useTranslate();
  return useCallback((key, params) => translate(key, params), [translate]);
}

/** The current locale; re-renders the caller when it changes. */
export function useLocale(): LocaleKey {
  return useSyncExternalStore(subscribeLocale, getLocale);
}

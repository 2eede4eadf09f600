// The current locale as a tiny external store: React subscribes with useSyncExternalStore, and
// code outside React (providers turning errors into messages) reads it with getLocale().
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import "dayjs/locale/en";
import { en } from "./en";
import type { Messages, TranslationParams } from "./messages";
import { zhCN } from "./zh-CN";

export const dictionaries = { "zh-CN": zhCN, en } as const satisfies Record<string, Messages>;
export type LocaleKey = keyof typeof dictionaries;
export const defaultLocale: LocaleKey = "zh-CN";

const storageKey = "cgs.locale";
const dayjsLocales = { "zh-CN": "zh-cn", en: "en" } as const satisfies Record<LocaleKey, string>;

export function isLocaleKey(value: unknown): value is LocaleKey {
  return typeof value === "string" && Object.hasOwn(dictionaries, value);
}

function readStoredLocale(): LocaleKey {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return isLocaleKey(stored) ? stored : defaultLocale;
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): fall back to the default.
    return defaultLocale;
  }
}

let current: LocaleKey = readStoredLocale();
const listeners = new Set<() => void>();

function applySideEffects(locale: LocaleKey): void {
  dayjs.locale(dayjsLocales[locale]);
  document.documentElement.lang = locale;
}
applySideEffects(current);

export function getLocale(): LocaleKey {
  return current;
}

export function setLocale(locale: string): void {
  if (!isLocaleKey(locale)) {
    throw new Error(`Unknown locale "${locale}"; expected one of ${Object.keys(dictionaries).join(", ")}`);
  }
  if (locale === current) return;
  current = locale;
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Not persisting is acceptable; the switch still applies to this tab.
  }
  applySideEffects(locale);
  listeners.forEach((listener) => listener());
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function lookup(messages: Messages, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

function interpolate(template: string, params: TranslationParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/**
 * Refine's calling convention: translate(key, params?, defaultMessage?) or translate(key, defaultMessage).
 * Missing keys fall back to the default message, then to the key itself (visible, so it gets fixed).
 */
export function translateIn(locale: LocaleKey, key: string, paramsOrDefault?: TranslationParams | string, defaultMessage?: string): string {
  const params = typeof paramsOrDefault === "object" && paramsOrDefault !== null ? paramsOrDefault : undefined;
  const fallback = typeof paramsOrDefault === "string" ? paramsOrDefault : defaultMessage;
  const template = lookup(dictionaries[locale], key) ?? fallback ?? key;
  return interpolate(template, params);
}

/** Translate in the current locale, for code outside React. */
export function translate(key: string, params?: TranslationParams): string {
  return translateIn(current, key, params);
}

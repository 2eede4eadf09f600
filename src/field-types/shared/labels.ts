import type { FieldLike, Language } from '../types';

/** English text falls back to Chinese: definitions are written in Chinese first. */
export function pickText(language: Language | undefined, zh: string, en: string | undefined): string {
  return language === 'en' && en ? en : zh;
}

export function fieldLabel(field: FieldLike, language?: Language): string {
  return pickText(language, field.label, field.label_en);
}

export const emptyCellText = '—';

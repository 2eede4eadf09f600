/**
 * The one place messages are rendered. Code tables (validationCodes, definitionMessages,
 * workflowCodes) hold bilingual templates; validators and checks return a code and its
 * params, and whoever shows the problem asks for the words here.
 */

export type Language = "zh" | "en";

export interface Bilingual {
  zh: string;
  en: string;
}

export type MessageParams = Readonly<Record<string, string | number>>;

/** Definition text in the reader's language; English falls back to Chinese (definitions are written in Chinese first). */
export function pickText(language: Language | undefined, zh: string, en: string | undefined): string {
  return language === "en" && en ? en : zh;
}

/** A problem's words in both languages, as the API and the views carry them. */
export interface RenderedMessage {
  message_zh: string;
  message_en: string;
}

/** Fills {name} placeholders; unknown placeholders stay visible so a missing param is noticed. */
export function fillMessage(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function renderMessage(entry: Bilingual, params?: MessageParams): RenderedMessage {
  return { message_zh: fillMessage(entry.zh, params), message_en: fillMessage(entry.en, params) };
}

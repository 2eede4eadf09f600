import type { CellText, Language, TextContext } from "../types";
import { isStoredFileList } from "./files";

/** Text forms (toText / fromText) that several types share. */

/** How a list of answers is joined in one cell: the enumeration comma in Chinese. */
export const listSeparator = (language: Language) => (language === "en" ? ", " : "\u3001");

export function plainText(_field: unknown, value: unknown): CellText {
  return String(value);
}

export function numberText(_field: unknown, value: unknown): CellText {
  return typeof value === "number" ? value : String(value);
}

export function fileNamesText(_field: unknown, value: unknown, { language }: TextContext): CellText {
  return isStoredFileList(value) ? value.map((file) => file.name).join(listSeparator(language)) : null;
}

/** The stored id named by the view's lookup; the id itself when the reader cannot see the name. */
export function lookupText(lookup: "userName") {
  return (_field: unknown, value: unknown, { lookups }: TextContext): CellText => {
    const id = String(value);
    return lookups?.[lookup]?.(id) ?? id;
  };
}

/** A unit as its reader's label (with ancestors, as the list's cell shows it), else its name, else the id. */
export function orgUnitText(_field: unknown, value: unknown, { lookups }: TextContext): CellText {
  const id = String(value);
  return lookups?.orgUnitLabel?.(id) ?? lookups?.orgUnitName?.(id) ?? id;
}

export function textAsIs(_field: unknown, text: string): string | undefined {
  return text === "" ? undefined : text;
}

export function numberFromText(_field: unknown, text: string): number | undefined {
  const n = Number(text);
  return text !== "" && Number.isFinite(n) ? n : undefined;
}

/** Files and rows cannot be written as one piece of text. */
export function notFromText(): undefined {
  return undefined;
}

/** Answers without parts: an issue never points inside them. */
export function noParts(): undefined {
  return undefined;
}

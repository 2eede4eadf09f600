// A definition as a file: exported as readable JSON, imported only when it is a definition the
// schema accepts (an invalid file is refused with every problem listed, and nothing is saved).
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition, type DefinitionError } from "@/services/schema";
import type { DraftDefinition } from "./designerDoc";

export const MAX_DEFINITION_FILE_BYTES = 1024 * 1024;

export type DefinitionFileResult =
  | { ok: true; definition: DraftDefinition }
  | { ok: false; reason: "too_large" }
  | { ok: false; reason: "not_json"; message: string }
  | { ok: false; reason: "invalid"; errors: DefinitionError[] };

/** Reads a definition file's text; the definition is kept as written (defaults not applied). */
export function readDefinitionFile(text: string, size = new Blob([text]).size): DefinitionFileResult {
  if (size > MAX_DEFINITION_FILE_BYTES) return { ok: false, reason: "too_large" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: "not_json", message: e instanceof Error ? e.message : String(e) };
  }
  const parsed = parseServiceDefinition(json, fieldTypes);
  if (!parsed.ok) return { ok: false, reason: "invalid", errors: parsed.errors };
  return { ok: true, definition: json as DraftDefinition };
}

/** Offers the definition as `<key>.json` to download. */
export function downloadDefinition(definition: DraftDefinition, fileName = `${definition.key}.json`): void {
  const blob = new Blob([`${JSON.stringify(definition, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

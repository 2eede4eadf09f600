import { formatPath } from "./definitionErrors";

/**
 * A text a reader sees that has no English twin. A warning, not an error: a service written in
 * Chinese only still works, English readers just see the Chinese there.
 */
export interface DefinitionWarning {
  path: string;
  /** english_missing here; state_unreachable / state_dead_end from workflowWarnings.ts */
  code: "english_missing" | "state_unreachable" | "state_dead_end";
  message_zh: string;
  message_en: string;
}

/**
 * Keys whose value a reader sees, each with its English twin `<key>_en`: names and headings,
 * labels of fields, options, states and transitions, help, placeholders, units, rule messages,
 * the reasons data is collected (PIPL), document kinds, form section headings.
 */
const shownTexts = [
  "name",
  "category",
  "description",
  "purpose",
  "label",
  "help",
  "placeholder",
  "unit",
  "title",
  "message",
  "pattern_message",
  "docKind",
  "section",
];

/** Every shown text without its English twin, wherever it sits in the definition. */
export function missingEnglish(definition: unknown): DefinitionWarning[] {
  const warnings: DefinitionWarning[] = [];
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, [...path, i]));
    if (node === null || typeof node !== "object") return;
    const object = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(object)) {
      const twin = `${key}_en`;
      if (shownTexts.includes(key) && typeof value === "string" && value.trim() !== "" && !(typeof object[twin] === "string" && object[twin] !== "")) {
        warnings.push({
          path: formatPath([...path, twin]),
          code: "english_missing",
          message_zh: `缺少英文（${twin}）：英文界面将显示「${value}」`,
          message_en: `No English (${twin}): English readers will see "${value}"`,
        });
      }
      walk(value, [...path, key]);
    }
  };
  walk(definition, []);
  return warnings;
}

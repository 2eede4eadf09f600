import type { z } from "zod";
import { definitionMessages, isDefinitionMessageKey, renderMessage, type DefinitionMessageKey, type MessageParams } from "@/contract";

/** A problem in a service definition, located by a path such as `fields[3].options`. */
export interface DefinitionError {
  path: string;
  code: DefinitionMessageKey;
  message_zh: string;
  message_en: string;
}

/** ['fields', 3, 'options'] → "fields[3].options"; odd record keys are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === "number") return `${out}[${part}]`;
    const name = String(part);
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `${out}[${JSON.stringify(name)}]`;
    return out === "" ? name : `${out}.${name}`;
  }, "");
}

export function definitionError(code: DefinitionMessageKey, path: readonly PropertyKey[] | string, params?: MessageParams): DefinitionError {
  return { path: typeof path === "string" ? path : formatPath(path), code, ...renderMessage(definitionMessages[code], params) };
}

const typeNamesZh: Readonly<Record<string, string>> = {
  string: "文本",
  number: "数字",
  int: "整数",
  boolean: "布尔值（true/false）",
  array: "数组",
  object: "对象",
  record: "对象",
};

const isCollection = (origin: string) => origin === "array" || origin === "set";

function toParams(values: Readonly<Record<string, unknown>>): MessageParams {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === "string" || typeof value === "number") params[name] = value;
    else if (typeof value === "bigint" || typeof value === "boolean") params[name] = String(value);
  }
  return params;
}

/** Picks our message for a zod issue: the key a schema named, else one per zod issue code. */
function classify(issue: z.core.$ZodIssue): { code: DefinitionMessageKey; params: MessageParams } {
  const own = toParams(issue.code === "custom" ? { ...issue.params } : { ...issue });
  if (isDefinitionMessageKey(issue.message)) return { code: issue.message, params: own };
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return { code: "required", params: own };
      return { code: "wrong_type", params: { ...own, expected_zh: typeNamesZh[issue.expected] ?? issue.expected } };
    case "invalid_value":
      return { code: "invalid_value", params: { values: issue.values.map(String).join(" | ") } };
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return { code: "empty", params: own };
      return { code: issue.origin === "string" ? "too_short" : isCollection(issue.origin) ? "too_few" : "too_small", params: own };
    case "too_big":
      return { code: issue.origin === "string" ? "too_long" : isCollection(issue.origin) ? "too_many" : "too_big", params: own };
    case "invalid_key": {
      // a bad record key (e.g. a role key): report the key's own problem
      const inner = issue.issues[0];
      return inner ? classify(inner) : { code: "invalid_format", params: own };
    }
    default:
      return { code: "invalid_format", params: own };
  }
}

/** One error per unknown key, located at the key itself, so an editor can point at the typo. */
export function zodIssueToDefinitionErrors(issue: z.core.$ZodIssue): DefinitionError[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => definitionError("unknown_property", [...issue.path, key], { key }));
  }
  const { code, params } = classify(issue);
  return [definitionError(code, issue.path, params)];
}

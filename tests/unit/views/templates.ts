// The built-in templates, parsed as the app parses them: the views' tests use real definitions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseServiceDefinition, type ServiceDefinition } from "@/services/schema";
import { fieldTypes } from "@/field-types";

export function template(key: "elderly_benefit" | "grid_event" | "veteran_card"): ServiceDefinition {
  const file = join(import.meta.dirname, "../../../resources/services", `${key}.json`);
  const result = parseServiceDefinition(JSON.parse(readFileSync(file, "utf8")), fieldTypes);
  if (!result.ok) throw new Error(`${key}: ${result.errors.map((e) => `${e.path} ${e.message_en}`).join("; ")}`);
  return result.definition;
}

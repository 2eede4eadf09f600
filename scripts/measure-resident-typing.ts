// How much typing the resident registry saves (issue 12, "a measured figure"): for every template
// with a `resident` field, the inputs a staff member must fill on the create form for a NEW
// resident against a RETURNING one — in the registry AND applied for this service before — and
// the ratio (goal ≤ 30 %); also the figure for a person only in the registry (first application).
//
// The rule, applied to the parsed definition (parseServiceDefinition, defaults applied):
//   1. The create form's fields: intake fields (no `stage`), top level, visible for the typical
//      answers below (visibleWhen).
//   2. A field counts when it is required for those answers (required, or requiredWhen holding),
//      is not derived (derive: computed, never typed) and has no `default` (the form starts with
//      it). Optional fields are not counted: staff fill them only when they apply.
//   3. Typical answers: every counted select/radio takes its first option, every counted yes/no
//      takes "yes", anything else some value; optional fields stay empty. Repeated until nothing
//      changes (an answer may make another field required).
//   4. NEW resident: the counted fields (the resident field itself is optional: a new person's
//      details are typed into the record's own fields).
//      REGISTRY ONLY (first application of a registered person): the counted fields minus those a
//      picked person fills (prefillFrom: name, ID number, phone, address, grid, codes, 户籍地址,
//      本地户籍 — assuming the registry holds the value), plus one input for the pick itself
//      (typing initials and choosing the person).
//      RETURNING (registered and applied before): the same minus the fields marked `reuse`, which
//      the previous application of this service fills (assuming it answered them). A file field
//      marked `reuse` (the templates' photos) counts as filled too: the form copies the previous
//      files into the user's own uploads. Pre-filled and reused values are shown and confirmed,
//      not typed.
//   5. "Person" columns: the same count restricted to the fields that describe the person
//      (prefillFrom) — what the registry can save at best — against the single pick.
// Prints a table (Markdown) that docs/residents.md ("Typing saved") carries. The e2e
// tests/e2e/elderly-card-returning-resident.spec.ts fills exactly the RETURNING count of inputs for
// 老年优待证 (tests/unit/views/resident-typing.test.ts holds this script to that number).
//   node --import tsx scripts/measure-resident-typing.ts
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fieldTypes } from "@/field-types/index.ts";
import { isFieldRequired, visibleFieldKeys } from "@/services/conditions.ts";
import { parseServiceDefinition, type FieldDefinition, type ServiceDefinition } from "@/services/schema.ts";
import { intakeFields } from "@/services/stages.ts";

export interface TypingCount {
  key: string;
  name: string;
  /** the fields counted for a new resident, in form order */
  newFields: string[];
  /** the fields still typed for a person only in the registry (the pick counted as the resident field's key) */
  registryFields: string[];
  /** the fields still typed for a returning one: registered and applied before (the pick too) */
  returningFields: string[];
  /** counted fields that describe the person (prefillFrom) */
  personFields: string[];
}

/** A value standing for "staff filled it", shaped so conditions on it behave as for a real answer. */
function typicalAnswer(field: FieldDefinition): unknown {
  const options = (field as { options?: { value: unknown }[] }).options;
  if (Array.isArray(options) && options.length > 0) return field.type === "multiselect" ? [options[0].value] : options[0].value;
  if (field.type === "boolean") return true;
  if (field.type === "number" || field.type === "money") return 1;
  return "filled";
}

/** The counted fields of a create form for the typical answers (rules 1–3). */
export function requiredCreateFields(definition: ServiceDefinition): FieldDefinition[] {
  const fields = intakeFields(definition.fields);
  const answers: Record<string, unknown> = {};
  let counted: FieldDefinition[] = [];
  for (let pass = 0; pass <= fields.length; pass += 1) {
    const visible = visibleFieldKeys(fields, answers);
    const next = fields.filter((field) => !field.derive && field.default === undefined && isFieldRequired(field, answers, visible));
    for (const field of next) answers[field.key] ??= typicalAnswer(field);
    if (next.map((f) => f.key).join() === counted.map((f) => f.key).join()) break;
    counted = next;
  }
  return counted;
}

export function typingCount(definition: ServiceDefinition): TypingCount | null {
  const resident = definition.fields.find((field) => field.type === "resident");
  if (!resident) return null;
  const counted = requiredCreateFields(definition);
  const person = counted.filter((field) => field.prefillFrom !== undefined);
  return {
    key: definition.key,
    name: definition.name,
    newFields: counted.map((field) => field.key),
    registryFields: [resident.key, ...counted.filter((field) => field.prefillFrom === undefined).map((field) => field.key)],
    returningFields: [resident.key, ...counted.filter((field) => field.prefillFrom === undefined && !field.reuse).map((field) => field.key)],
    personFields: person.map((field) => field.key),
  };
}

const percent = (part: number, whole: number) => `${Math.round((100 * part) / whole)} %`;

export function typingTable(counts: readonly TypingCount[]): string {
  const rows = counts.map((c) => {
    const cells = [
      `${c.name} (\`${c.key}\`)`,
      String(c.newFields.length),
      `${c.registryFields.length} (${percent(c.registryFields.length, c.newFields.length)})`,
      `**${c.returningFields.length} (${percent(c.returningFields.length, c.newFields.length)})**`,
      `${c.personFields.length} → 1`,
      c.returningFields.slice(1).join(", ") || "—",
    ];
    return `| ${cells.join(" | ")} |`;
  });
  return [
    "| template | new resident | in the registry, first application | returning (registry + applied before) | person fields | still typed when returning (besides the pick) |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
    ...rows,
  ].join("\n");
}

export function measureTemplates(dir: string): TypingCount[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .flatMap((file) => {
      const parsed = parseServiceDefinition(JSON.parse(readFileSync(join(dir, file), "utf8")), fieldTypes);
      if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.errors)}`);
      const count = typingCount(parsed.definition);
      return count ? [count] : [];
    });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
  console.log(typingTable(measureTemplates(join(root, "resources/services"))));
}

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseServiceDefinition, type ServiceDefinition } from "@/services/schema";
import { validationCodes, type ValidationCode } from "@/contract";
import { fieldTypes } from "@/field-types";

/**
 * Loads the shared record-validation corpus. Used by the unit tests (validateRecordData)
 * and meant for the db tests (the validation trigger): both must reach the same verdicts.
 */
const corpusDir = dirname(fileURLToPath(import.meta.url));
const templatesDir = join(corpusDir, "../../../resources/services");

const codeSchema = z.string().refine((code) => Object.hasOwn(validationCodes, code), "not a code in validationCodes.ts");
const expectationSchema = z.strictObject({ invalidField: z.string(), code: codeSchema });
const caseSchema = z.strictObject({
  name: z.string().min(1),
  /** "corpus:<name>" (definitions/<name>.json), "template:<key>" (resources/services), or inline */
  definition: z.union([z.string().regex(/^(corpus|template):[a-z_]+$/), z.record(z.string(), z.unknown())]),
  data: z.unknown(),
  expected: z.union([z.literal("valid"), expectationSchema, z.array(expectationSchema).min(1)]),
  /** derived fields' values after recomputation (null = no value), for definitions with `derive` */
  derived: z.record(z.string(), z.unknown()).optional(),
});
const fileSchema = z.strictObject({ description: z.string(), cases: z.array(caseSchema).min(1) });

export interface CorpusIssue {
  invalidField: string;
  code: ValidationCode;
}

export interface CorpusCase {
  file: string;
  name: string;
  definitionRef: string;
  definition: ServiceDefinition;
  data: unknown;
  /** empty = valid; otherwise exactly these issues, in any order */
  expected: CorpusIssue[];
  /** derived values expected after recomputation (null = no value) */
  derived?: Record<string, unknown>;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

function resolveDefinition(ref: string | Record<string, unknown>, where: string): ServiceDefinition {
  const json =
    typeof ref !== "string"
      ? ref
      : ref.startsWith("corpus:")
        ? readJson(join(corpusDir, "definitions", `${ref.slice("corpus:".length)}.json`))
        : readJson(join(templatesDir, `${ref.slice("template:".length)}.json`));
  const parsed = parseServiceDefinition(json, fieldTypes);
  if (!parsed.ok) throw new Error(`${where}: definition is invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.definition;
}

export function corpusFiles(): string[] {
  return readdirSync(corpusDir)
    .filter((name) => name.endsWith(".json"))
    .sort();
}

export function loadValidationCorpus(): CorpusCase[] {
  return corpusFiles().flatMap((file) => {
    const parsed = fileSchema.safeParse(readJson(join(corpusDir, file)));
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    return parsed.data.cases.map((item) => ({
      file,
      name: item.name,
      definitionRef: typeof item.definition === "string" ? item.definition : "inline",
      definition: resolveDefinition(item.definition, `${file} / ${item.name}`),
      data: item.data,
      expected:
        item.expected === "valid"
          ? []
          : (Array.isArray(item.expected) ? item.expected : [item.expected]).map((e) => ({ invalidField: e.invalidField, code: e.code as ValidationCode })),
      derived: item.derived,
    }));
  });
}

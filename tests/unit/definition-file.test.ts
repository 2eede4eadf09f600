import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_DEFINITION_FILE_BYTES, readDefinitionFile } from "@/pages/designer/definitionFile";

const template = readFileSync("resources/services/volunteer_activity.json", "utf8");

describe("readDefinitionFile", () => {
  it("accepts a valid definition as written, defaults not applied", () => {
    const result = readDefinitionFile(template);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.definition).toEqual(JSON.parse(template));
  });

  it("refuses text that is not JSON, saying why", () => {
    const result = readDefinitionFile("{ key: 1");
    expect(result).toMatchObject({ ok: false, reason: "not_json" });
  });

  it("refuses an invalid definition with every problem located", () => {
    const broken = JSON.parse(template);
    broken.key = "Bad Key";
    broken.fields[0].type = "no_such_type";
    broken.workflow.initial = "";
    const result = readDefinitionFile(JSON.stringify(broken));
    expect(result.ok).toBe(false);
    if (!result.ok && result.reason === "invalid") {
      const paths = result.errors.map((error) => error.path);
      expect(paths).toEqual(expect.arrayContaining(["key", "fields[0].type", "workflow.initial"]));
      expect(result.errors.every((error) => error.message_zh && error.message_en)).toBe(true);
    } else {
      throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
    }
  });

  it("refuses a file over 1 MB before parsing it", () => {
    expect(readDefinitionFile("{}", MAX_DEFINITION_FILE_BYTES + 1)).toEqual({ ok: false, reason: "too_large" });
  });
});

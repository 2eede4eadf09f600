// The designer's 高级 tab offers 沿用上次申请 (a field's `reuse`) only where it can work: a form
// with a resident field (it finds the last application), not on the resident field itself,
// derived or registry-filled fields — what the definition check refuses (crossCheckDerive). Files
// may be reused (the form copies them).
import { describe, expect, it } from "vitest";
import type { DraftDefinition, DraftField } from "@/pages/designer/designerDoc";
import { reuseOffered } from "@/pages/designer/form/reuseOffered";

const field = (f: Record<string, unknown>) => ({ label: String(f.key), ...f }) as unknown as DraftField;
const definitionWith = (...fields: DraftField[]) => ({ fields }) as unknown as DraftDefinition;

describe("沿用上次申请 in the designer", () => {
  const resident = field({ key: "applicant", type: "resident" });
  const employer = field({ key: "employer", type: "text" });

  it("is offered on a plain field or a file field of a form with a resident field", () => {
    expect(reuseOffered(employer, definitionWith(resident, employer))).toBe(true);
    for (const file of [field({ key: "photo", type: "image" }), field({ key: "proof", type: "attachment" })])
      expect(reuseOffered(file, definitionWith(resident, file))).toBe(true);
  });

  it("is not offered without a resident field, nor on the resident field, derived or registry-filled fields", () => {
    expect(reuseOffered(employer, definitionWith(employer))).toBe(false);
    expect(reuseOffered(field({ key: "photo", type: "image" }), definitionWith(field({ key: "photo", type: "image" })))).toBe(false);
    for (const other of [field({ key: "name", type: "text", prefillFrom: "name" }), field({ key: "age", type: "number", derive: { fn: "age", from: "id" } })])
      expect(reuseOffered(other, definitionWith(resident, other))).toBe(false);
    expect(reuseOffered(resident, definitionWith(resident))).toBe(false);
  });

  it("stays shown on a field that has it, so it can be turned off", () => {
    expect(reuseOffered(field({ key: "photo", type: "image", reuse: true }), definitionWith(field({ key: "photo", type: "image" })))).toBe(true);
  });
});

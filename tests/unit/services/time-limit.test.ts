import { describe, expect, it } from "vitest";
import { timeLimitSchema } from "@/services/workflowSchema";

// The same accepted and refused limits as the database's definition check (tests/db/engine-deadlines.test.ts).
describe("timeLimitSchema", () => {
  it("accepts hours, workdays and a limit by a field's answer", () => {
    for (const ok of [{ hours: 24 }, { workdays: 15 }, { byField: "urgency", values: { red: { hours: 2 }, blue: { workdays: 3 } }, default: { hours: 72 } }]) {
      expect(timeLimitSchema.safeParse(ok).success).toBe(true);
    }
  });

  it("refuses anything else", () => {
    for (const wrong of [
      { days: 3 },
      { hours: 0 },
      { workdays: 1.5 },
      { hours: 2, workdays: 1 },
      { byField: "urgency", values: { red: { minutes: 5 } } },
      24,
    ]) {
      expect(timeLimitSchema.safeParse(wrong).success).toBe(false);
    }
  });
});

import { describe, expect, it } from "vitest";
import type { RecordRow } from "@/data/records";
import { withLinkedPerson } from "@/views/shared/linkedPerson";

const person = "6f1c1b3e-8a0e-4d52-9d2a-1b0c3d4e5f60";

function record(data: Record<string, unknown>, resident_id: string | null | undefined): RecordRow {
  return {
    id: "r1",
    service_id: "s1",
    service_version: 1,
    org_unit_id: "unit-1",
    status: "received",
    assignee: null,
    due_at: null,
    data,
    row_version: 1,
    created_at: "2026-11-20T02:30:00Z",
    created_by: "u1",
    updated_at: "2026-11-20T02:30:00Z",
    resident_id,
  };
}

describe("withLinkedPerson", () => {
  it("names the linked person in an empty resident answer, leaving the row it was given alone", () => {
    for (const empty of [{}, { applicant: "" }, { applicant: null }]) {
      const row = record({ ...empty, applicant_name: "吴国华" }, person);
      expect(withLinkedPerson(row, "applicant").data).toEqual({ applicant: person, applicant_name: "吴国华" });
      expect(row.data.applicant).toBe((empty as { applicant?: unknown }).applicant);
    }
  });

  it("keeps an answer, a record without a link, and a definition without a resident field as they are", () => {
    const answered = record({ applicant: "someone-else" }, person);
    expect(withLinkedPerson(answered, "applicant")).toBe(answered);
    const unlinked = record({}, null);
    expect(withLinkedPerson(unlinked, "applicant")).toBe(unlinked);
    const unread = record({}, undefined);
    expect(withLinkedPerson(unread, "applicant")).toBe(unread);
    const noField = record({}, person);
    expect(withLinkedPerson(noField, undefined)).toBe(noField);
  });
});

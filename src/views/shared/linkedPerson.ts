import type { RecordRow } from "@/data/records";

/**
 * The record as the views show it: a resident field left empty names the person the record is
 * linked to (records.resident_id). The upgrade linked the records it found (issue 12, item 8:
 * link_records_to_residents) without filling their answers, so without this their pages say
 * 「—」 for a linked record and the edit form would offer to pick the person again. Saving the
 * form sends the link back as the answer; the database takes it as no new link
 * (records_link_answer).
 */
export function withLinkedPerson(record: RecordRow, residentKey: string | undefined): RecordRow {
  if (!residentKey || !record.resident_id) return record;
  const answer = record.data[residentKey];
  if (typeof answer === "string" && answer !== "") return record;
  return { ...record, data: { ...record.data, [residentKey]: record.resident_id } };
}

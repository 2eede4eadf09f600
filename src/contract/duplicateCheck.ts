/**
 * What public.find_duplicate_records answers before a record is filed for a person (the data
 * layer reads it, src/services/duplicateNotice.ts words it): the strongest action of the
 * definition's `duplicates` rule that matched, the records found that the caller reads, and how
 * many others exist that they cannot read (only counted, never described).
 */
export interface DuplicateCheck {
  action: "warn" | "refuse" | null;
  records: readonly { id: string; kind: "open" | "held"; action: "warn" | "refuse"; status: string; created_at: string }[];
  others: number;
}

import { useCallback, useEffect, useRef, useState } from "react";
import type { DuplicateCheck } from "@/contract";
import { findDuplicateRecords } from "@/data/findDuplicateRecords";
import { duplicateAnswerKeys, duplicateNotice, type DuplicateNotice, type ServiceDefinition } from "@/services/schema";

/** Waits for the answers to settle (a radio click, a pick) before asking the database. */
const checkDelayMs = 250;

export interface DuplicateState {
  /** null: nothing found, or not checked (no person, no `duplicates` rule) */
  notice: DuplicateNotice | null;
  /** the records found that the user reads (status and filing time for the links) */
  records: DuplicateCheck["records"];
  /** asks again now (at submit: the answers may have changed since the last check) */
  recheck(): Promise<DuplicateNotice | null>;
}

/** Only the answers the check reads go to the database: the `match` fields and those its `when` conditions read. */
function matchAnswers(definition: ServiceDefinition, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    duplicateAnswerKeys(definition.duplicates)
      .filter((key) => data[key] !== undefined)
      .map((key) => [key, data[key]]),
  );
}

/**
 * The definition's `duplicates` rule for the person a new record is about
 * (public.find_duplicate_records): asked when the person is picked and when an answer it reads
 * (`match`, a `when`) changes. `refuse` stops the form (the database would refuse the record: duplicate_application),
 * `warn` lets staff file after confirming; the records the user reads are linked.
 */
export function useDuplicateCheck(
  serviceId: string,
  definition: ServiceDefinition,
  residentId: string | null,
  data: Readonly<Record<string, unknown>>,
  enabled: boolean,
): DuplicateState {
  const [found, setFound] = useState<{ notice: DuplicateNotice | null; records: DuplicateCheck["records"] }>({ notice: null, records: [] });
  const latest = useRef(0);
  const active = enabled && residentId !== null && definition.duplicates !== undefined;
  const answers = JSON.stringify(matchAnswers(definition, data));

  const ask = useCallback(async (): Promise<DuplicateNotice | null> => {
    if (!active || residentId === null) return null;
    const ticket = ++latest.current;
    const check = await findDuplicateRecords(serviceId, residentId, JSON.parse(answers) as Record<string, unknown>);
    const notice = duplicateNotice(check);
    if (ticket === latest.current) setFound({ notice, records: check.records });
    return notice;
  }, [active, residentId, serviceId, answers]);

  useEffect(() => {
    if (!active) {
      latest.current += 1;
      setFound({ notice: null, records: [] });
      return;
    }
    // a failed check leaves the verdict to the database at filing
    const timer = setTimeout(() => void ask().catch(() => undefined), checkDelayMs);
    return () => clearTimeout(timer);
  }, [active, ask]);

  return { ...found, recheck: () => ask().catch(() => null) };
}

// How many ID numbers fit what a reader without view_sensitive sees (issue #7, item 11; DESIGN §6:
// "Masks leave at least 10,000 candidates given everything else shown in clear").
//
// For every demo record with an ID-number answer it counts the 18-character GB 11643 numbers that
// agree with the masked answer as stored in records.data and with everything shown in clear,
// taken as an attacker would at best:
//   - region: the county code of the record's unit (the first 6 digits of the unit's code);
//   - birth date: the age in clear (elderly_benefit) gives one year of birth days, counted back
//     from the day the age was true (the record's date, or today for ages the demo seed computed
//     on the day it ran: whichever holds the real birth date, i.e. the attacker guesses right);
//     a veteran's enlistment date bounds the birth to 16–25 years before it; otherwise any day
//     from 1900 to the record's date;
//   - sex (the parity of digit 17): assumed known, since the demo names follow the sex;
//   - the check character: must be right.
// Prints the minimum, the median and the count per template, and exits 1 below 10,000.
//   SUPABASE_DB_URL=postgresql://… node --import tsx scripts/measure-id-mask.ts
// tests/db/id-mask-candidates.test.ts runs the same count on a fresh stack.
import { pathToFileURL } from "node:url";
import pg from "pg";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";
export const MINIMUM_CANDIDATES = 10_000;

export type IdKnowledge = {
  /** 6-digit region codes the number may start with. */
  regions: readonly string[];
  /** Inclusive range of possible birth dates, YYYY-MM-DD. */
  birthFrom: string;
  birthTo: string;
  /** Known sex (digit 17 odd for men), or undefined when unknown. */
  male?: boolean;
};

const matches = (masked: string, at: number, digits: string) => [...digits].every((d, i) => masked[at + i] === "*" || masked[at + i] === d);
const weightedSum = (digits: string, at: number) => [...digits].reduce((sum, d, i) => sum + Number(d) * WEIGHTS[at + i], 0);

function* daysBetween(from: string, to: string): Generator<string> {
  for (let day = new Date(`${from}T00:00:00Z`); day <= new Date(`${to}T00:00:00Z`); day.setUTCDate(day.getUTCDate() + 1)) {
    yield day.toISOString().slice(0, 10).replaceAll("-", "");
  }
}

/** The number of valid 18-character ID numbers consistent with `masked` and `known`. */
export function countIdCandidates(masked: string, known: IdKnowledge): number {
  if (masked.length !== 18) throw new Error(`expected an 18-character masked ID number, got "${masked}"`);
  // sequence numbers (digits 15–17) by their share of the checksum, mod 11
  const bySequenceSum = new Array<number>(11).fill(0);
  for (let s = 0; s < 1000; s++) {
    const digits = String(s).padStart(3, "0");
    if (known.male !== undefined && (Number(digits[2]) % 2 === 1) !== known.male) continue;
    if (matches(masked, 14, digits)) bySequenceSum[weightedSum(digits, 14) % 11]++;
  }
  const check = masked[17].toUpperCase();
  let total = 0;
  for (const region of known.regions) {
    if (!matches(masked, 0, region)) continue;
    for (const date of daysBetween(known.birthFrom, known.birthTo)) {
      if (!matches(masked, 6, date)) continue;
      const partial = weightedSum(region, 0) + weightedSum(date, 6);
      if (check === "*") total += bySequenceSum.reduce((a, b) => a + b, 0);
      else for (let r = 0; r < 11; r++) if (CHECK_CHARS[(partial + r) % 11] === check) total += bySequenceSum[r];
    }
  }
  return total;
}

const shiftYears = (isoDate: string, years: number, days = 0) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export type DemoIdAnswer = {
  service: string;
  field: string;
  masked: string;
  raw: string;
  unitCode: string;
  madeOn: string;
  /** The day of the measurement (the seed computes ages on the day it runs). */
  today: string;
  age: number | null;
  enlistDate: string | null;
};

/** What the clear fields of the record tell about this ID number (see the top). */
export function knowledgeOf(answer: DemoIdAnswer): IdKnowledge {
  const male = Number(answer.raw[16]) % 2 === 1;
  const regions = [answer.unitCode.slice(0, 6)];
  if (answer.field === "applicant_id_number" && answer.age !== null) {
    const age = answer.age;
    const born = `${answer.raw.slice(6, 10)}-${answer.raw.slice(10, 12)}-${answer.raw.slice(12, 14)}`;
    const windows = [answer.madeOn, answer.today].map((day) => ({ birthFrom: shiftYears(day, -(age + 1), 1), birthTo: shiftYears(day, -age) }));
    const window = windows.find((w) => w.birthFrom <= born && born <= w.birthTo) ?? windows[0];
    return { regions, male, ...window };
  }
  if (answer.field === "applicant_id_number" && answer.enlistDate !== null) {
    return { regions, male, birthFrom: shiftYears(answer.enlistDate, -25), birthTo: shiftYears(answer.enlistDate, -16) };
  }
  return { regions, male, birthFrom: "1900-01-01", birthTo: answer.madeOn };
}

/** Every ID-number answer of the demo records, masked as stored and raw. */
export async function demoIdAnswers(db: pg.ClientBase | pg.Pool): Promise<DemoIdAnswer[]> {
  const { rows } = await db.query<DemoIdAnswer>(`
    select s.key as service, f ->> 'key' as field, r.data ->> (f ->> 'key') as masked, raw.data ->> (f ->> 'key') as raw,
           u.code as "unitCode", to_char(r.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "madeOn",
           to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as today,
           (r.data ->> 'age')::int as age, r.data ->> 'enlist_date' as "enlistDate"
      from public.records r
      join public.services s on s.id = r.service_id
      join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
      join public.org_units u on u.id = r.org_unit_id
      join private.record_sensitive_values raw on raw.record_id = r.id
      cross join lateral jsonb_array_elements(v.sensitive_fields) f
     where r.is_synthetic and f ->> 'type' = 'id_number' and raw.data ->> (f ->> 'key') is not null`);
  return rows;
}

export type MaskMeasurement = { answers: number; minimum: number; median: number; byService: Record<string, number> };

export function measure(answers: readonly DemoIdAnswer[]): MaskMeasurement {
  const counts = answers.map((a) => ({ service: a.service, count: countIdCandidates(a.masked, knowledgeOf(a)) }));
  const sorted = counts.map((c) => c.count).sort((a, b) => a - b);
  const byService: Record<string, number> = {};
  for (const { service, count } of counts) byService[service] = Math.min(byService[service] ?? Infinity, count);
  return { answers: counts.length, minimum: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0, byService };
}

async function main(): Promise<number> {
  const dbUrl = process.env.SUPABASE_DB_URL;
  if (!dbUrl) throw new Error("SUPABASE_DB_URL is not set");
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const result = measure(await demoIdAnswers(client));
    console.log(`ID-number answers measured: ${result.answers}`);
    console.log(`candidates: minimum ${result.minimum}, median ${result.median}`);
    for (const [service, minimum] of Object.entries(result.byService)) console.log(`  ${service}: minimum ${minimum}`);
    return result.minimum >= MINIMUM_CANDIDATES ? 0 : 1;
  } finally {
    await client.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}

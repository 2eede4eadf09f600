// Synthetic people for the import tests and scripts/measure-import.ts: valid GB 11643 numbers
// (check character computed), distinct for every n below 9,000,000, under an area code the
// caller picks so that runs and test files do not meet. Never a real person (names say 合成).
import { idNumberCheckChar } from "../../src/field-types/id_number/gb11643";

const DAY = 86_400_000;
const FIRST_BIRTH = Date.UTC(1930, 0, 1);
/** Birth dates 1930-01-01 … 1984-09: all have a legacy 15-digit form (19xx). */
const BIRTH_DAYS = 20_000;

/** The n-th synthetic ID number under `area` (6 digits). */
export function syntheticIdNumber(n: number, area: string): string {
  const born = new Date(FIRST_BIRTH + (n % BIRTH_DAYS) * DAY).toISOString().slice(0, 10).replaceAll("-", "");
  const sequence = String(Math.floor(n / BIRTH_DAYS) % 1000).padStart(3, "0");
  const first17 = `${area}${born}${sequence}`;
  return first17 + idNumberCheckChar(first17);
}

/** The legacy 15-digit form of a 19xx number: no century, no check character. */
export const legacyIdNumber = (id: string): string => id.slice(0, 6) + id.slice(8, 17);

const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";

/** A sheet row as the import wizard sends it: {row, values}. Rows start at 2 (row 1 is the header). */
export function syntheticResidentRow(n: number, area: string, gridId: string, label: string): { row: number; values: Record<string, unknown> } {
  return {
    row: n + 2,
    values: {
      name: `${surnames[n % surnames.length]}合成${label}${n}`,
      id_number: syntheticIdNumber(n, area),
      phone: `139${String(10_000_000 + ((n * 7919) % 90_000_000)).slice(0, 8)}`,
      ethnicity: n % 3 === 0 ? "土家族" : "01",
      address: `合成数据 ${label} ${n} 号`,
      grid_org_unit_id: gridId,
    },
  };
}

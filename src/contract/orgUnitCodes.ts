/**
 * Official codes of org units, as `private.org_unit_code_issue` checks them (its twin: same
 * rules, same codes). The codes nest (shared/research/domain.md §3): a county's 6 digits
 * (GB/T 2260) share the prefecture's first 4; a street's 9 are its county's 6 plus 3
 * (GB/T 10114); a community's 12 are its street's 9 plus 3 (统计用区划代码); a grid's 15 are
 * its community's 12 plus a 3-digit sequence. The added digits are a sequence, never all zeros.
 */
import type { Bilingual, MessageParams } from "./messages";
import type { OrgUnitLevel } from "./orgUnits";

export type ChildOrgUnitLevel = Exclude<OrgUnitLevel, "prefecture">;

/** Digits of a level's code, and how many of them its parent's code fixes. */
export const orgUnitCodeShape = {
  county: { length: 6, prefix: 4 },
  street: { length: 9, prefix: 6 },
  community: { length: 12, prefix: 9 },
  grid: { length: 15, prefix: 12 },
} as const satisfies Record<ChildOrgUnitLevel, { length: number; prefix: number }>;

/** What can be wrong with a new unit's code; the RPCs raise the same codes as their message. */
export const orgUnitCodeIssues = {
  org_unit_code_format: { zh: "编码须为 {length} 位数字", en: "The code must be {length} digits" },
  org_unit_code_prefix: { zh: "编码须以上级单位的编码 {parentCode} 开头", en: "The code must begin with the parent's code {parentCode}" },
  org_unit_code_sequence: { zh: "编码末尾的序号不能全为 0", en: "The sequence at the end of the code cannot be all zeros" },
  org_unit_code_taken: { zh: "编码 {code} 已被其他单位使用", en: "Code {code} is already used by another unit" },
} as const satisfies Record<string, Bilingual>;

export type OrgUnitCodeIssue = keyof typeof orgUnitCodeIssues;

export type OrgUnitCodeProblem = { issue: OrgUnitCodeIssue; params: MessageParams };

export function isChildOrgUnitLevel(level: OrgUnitLevel): level is ChildOrgUnitLevel {
  return level !== "prefecture";
}

/**
 * The problem with `code` for a unit of `level` under a parent coded `parentCode`, or null.
 * `takenCodes` (every code in the tree the caller can see) adds the uniqueness check the
 * database makes against the whole table.
 */
export function orgUnitCodeIssue(code: string, level: ChildOrgUnitLevel, parentCode: string, takenCodes?: ReadonlySet<string>): OrgUnitCodeProblem | null {
  const { length, prefix } = orgUnitCodeShape[level];
  if (!/^[0-9]+$/.test(code) || code.length !== length) return { issue: "org_unit_code_format", params: { length } };
  if (code.slice(0, prefix) !== parentCode.slice(0, prefix)) return { issue: "org_unit_code_prefix", params: { parentCode: parentCode.slice(0, prefix) } };
  if (/^0+$/.test(code.slice(prefix))) return { issue: "org_unit_code_sequence", params: {} };
  if (takenCodes?.has(code)) return { issue: "org_unit_code_taken", params: { code } };
  return null;
}

/**
 * A free code to suggest for a new unit of `level` under `parentCode`: one past the highest
 * sequence in use under that parent (so a village range 200+ continues as such), or the first
 * gap when the sequence is exhausted; null when every sequence is taken.
 */
export function nextFreeOrgUnitCode(level: ChildOrgUnitLevel, parentCode: string, takenCodes: ReadonlySet<string>): string | null {
  const { length, prefix } = orgUnitCodeShape[level];
  const head = parentCode.slice(0, prefix);
  const width = length - prefix;
  const last = 10 ** width - 1;
  let highest = 0;
  for (const code of takenCodes) {
    if (code.length === length && code.startsWith(head)) highest = Math.max(highest, Number(code.slice(prefix)));
  }
  const candidate = (n: number) => head + String(n).padStart(width, "0");
  if (highest < last) return candidate(highest + 1);
  for (let n = 1; n <= last; n++) if (!takenCodes.has(candidate(n))) return candidate(n);
  return null;
}

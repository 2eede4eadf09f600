// What a sheet can be imported into: the target's columns (registry attributes, or a service's
// fields), how sheet headers are matched to them, and what must be mapped before anything runs.
// Pure: the wizard, the template and the tests share it.

/** An allowed value of a code or choice column: what is stored, and what the sheet may say. */
export interface ImportChoice {
  value: string;
  /** the label written in the template's 可选值 sheet (Chinese) */
  label: string;
  /** other spellings accepted in a cell (the English label, the code itself, 汉 for 汉族 …) */
  aliases?: readonly string[];
}

export interface ImportColumn {
  /** the RPC's key: a registry attribute (name, id_number, …) or a field key */
  key: string;
  label: string;
  labelEn: string;
  /** marked * in the template; must be mapped before checking */
  required: boolean;
  /** closed list of values (codes, options, units): listed on the 可选值 sheet */
  choices?: readonly ImportChoice[];
  /** several values in one cell, separated by 、 , ; */
  multiple?: boolean;
  /** the template's example row */
  example: string;
  /** a note on the template's header cell and under the mapping select */
  hint?: { zh: string; en: string };
  /** a number that must keep every digit (ID numbers, phones): the template formats it as text */
  asText?: boolean;
  /** other headers that mean this column (公民身份号码 for 身份证号) */
  aliases?: readonly string[];
}

/** A header as typed: the template's * and spaces do not count, nor full-width forms or case. */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/[*＊]/g, "")
    .replace(/[(（][^)）]*[)）]$/, (bracket) => (/[*必填]/.test(bracket) ? "" : bracket))
    .replace(/\s+/g, "")
    .toLowerCase();
}

/** Which column (key) each sheet header goes to, or null: left out. */
export type HeaderMapping = (string | null)[];

/**
 * Each header to a column: first by the column's own label (Chinese, English, an alias), then by the
 * mapping remembered from the last import into this target (header text → key). A column takes
 * one header at most (the first); a remembered key that no longer exists is ignored.
 */
export function matchHeaders(headers: readonly string[], columns: readonly ImportColumn[], remembered: Readonly<Record<string, string>> = {}): HeaderMapping {
  const byName = new Map<string, string>();
  for (const column of columns) {
    for (const name of [column.label, column.labelEn, column.key, ...(column.aliases ?? [])]) {
      const normal = normalizeHeader(name);
      if (!byName.has(normal)) byName.set(normal, column.key);
    }
  }
  const known = new Set(columns.map((column) => column.key));
  const taken = new Set<string>();
  const take = (key: string | undefined) => {
    if (key === undefined || !known.has(key) || taken.has(key)) return null;
    taken.add(key);
    return key;
  };
  const mapping: HeaderMapping = headers.map((header) => take(byName.get(normalizeHeader(header))));
  return mapping.map((key, i) => key ?? take(remembered[headers[i]!] ?? remembered[headers[i]!.trim()]));
}

export type MappingProblem = { kind: "missing"; column: ImportColumn } | { kind: "twice"; column: ImportColumn; headers: string[] };

/** Required columns no header goes to, and columns two headers go to. Empty: ready to check. */
export function mappingProblems(headers: readonly string[], mapping: HeaderMapping, columns: readonly ImportColumn[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const column of columns) {
    const from = headers.filter((_, i) => mapping[i] === column.key);
    if (from.length === 0 && column.required) problems.push({ kind: "missing", column });
    if (from.length > 1) problems.push({ kind: "twice", column, headers: from });
  }
  return problems;
}

/** The mapping to remember: header text → key, for the headers that go somewhere. */
export function mappingToSave(headers: readonly string[], mapping: HeaderMapping): Record<string, string> {
  const saved: Record<string, string> = {};
  headers.forEach((header, i) => {
    const key = mapping[i];
    if (key && header.length <= 200) saved[header] = key;
  });
  return saved;
}

/** Finds the choice a cell names (value, label, alias; case, width and spaces aside): built once per column, asked per cell. */
export function choiceFinder(choices: readonly ImportChoice[]): (text: string) => ImportChoice | undefined {
  const byName = new Map<string, ImportChoice>();
  for (const choice of choices) {
    for (const name of [choice.value, choice.label, ...(choice.aliases ?? [])]) {
      const normal = normalizeHeader(name);
      if (!byName.has(normal)) byName.set(normal, choice);
    }
  }
  return (text) => byName.get(normalizeHeader(text));
}

// A Markdown table from a header and rows of cells; columns marked numeric are right-aligned.
// The bench prints its results this way so a run can be pasted into docs/benchmarks.md as it is.

export type Column = { title: string; numeric?: boolean };

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function markdownTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(columns.map((c) => c.title)), `|${columns.map((c) => (c.numeric ? "---:" : "---")).join("|")}|`, ...rows.map(line)].join("\n");
}

/** Milliseconds with one decimal, thousands separated; "—" for a missing figure. */
export function ms(value: number): string {
  return Number.isFinite(value) ? value.toLocaleString("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : "—";
}

/** A ratio as "1.23×"; "—" for a missing figure. */
export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : "—";
}

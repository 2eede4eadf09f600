// Every case the access matrix runs: what was expected (from the grants and the tree, computed
// in the test) and what the API did (judged by the reply and, for writes, by the row as stored).
// A leak is a case expected denied that was allowed; a false denial the reverse. A denial
// proves something only next to an allowed case on the same object: positiveControlGaps()
// lists denials that have none.

export type Verdict = "allowed" | "denied";

export type MatrixCase = {
  /** Who acted: "staff@牯牛坪社区", "anon", "forged service_role token" … */
  who: string;
  /** read, export, events, attachment, create, update, delete, transition, service_create … or a trick's name */
  action: string;
  /** What was acted on, the same for every holder: "records@433101009002/grid_event" … */
  object: string;
  relation: string;
  expected: Verdict;
  actual: Verdict;
  detail?: string;
};

export class MatrixLedger {
  readonly cases: MatrixCase[] = [];

  add(c: MatrixCase): void {
    this.cases.push(c);
  }

  /** Adds the case and returns whether it went as expected. */
  check(c: Omit<MatrixCase, "actual"> & { allowed: boolean }): boolean {
    const { allowed, ...rest } = c;
    this.add({ ...rest, actual: allowed ? "allowed" : "denied" });
    return (allowed ? "allowed" : "denied") === c.expected;
  }

  leaks(): MatrixCase[] {
    return this.cases.filter((c) => c.expected === "denied" && c.actual === "allowed");
  }

  falseDenials(): MatrixCase[] {
    return this.cases.filter((c) => c.expected === "allowed" && c.actual === "denied");
  }

  positiveControlGaps(): MatrixCase[] {
    const allowed = new Set(this.cases.filter((c) => c.actual === "allowed" && c.expected === "allowed").map((c) => `${c.action}|${c.object}`));
    return this.cases.filter((c) => c.expected === "denied" && !allowed.has(`${c.action}|${c.object}`));
  }

  of(who: string): MatrixCase[] {
    return this.cases.filter((c) => c.who === who);
  }
}

export const describeCase = (c: MatrixCase) =>
  `${c.who} ${c.action} ${c.object} (${c.relation}): expected ${c.expected}, got ${c.actual}${c.detail ? ` — ${c.detail}` : ""}`;

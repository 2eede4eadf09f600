// What the record form needs about a picked person before filing (public.resident_facts): their
// age in full years today, China time, and the keys of their current tags — what the database's
// eligibility check reads. The birth date itself stays private; the database refuses a person the
// caller does not read (resident_not_found). Sensitive tag kinds (低保, 残疾人 …) are reported only to
// a role with view_sensitive over the person; anyone else gets hiddenKinds, the kinds left out.
import { callRpc } from "./rpc";

/** The shape of ApplicantFacts (@/services/schema), which the eligibility check reads. */
export interface ResidentFacts {
  age: number | null;
  tags: string[];
  /** sensitive kinds the database left out of `tags` for this reader ([] for a holder of view_sensitive) */
  hiddenKinds: string[];
}

export async function fetchResidentFacts(residentId: string): Promise<ResidentFacts> {
  const answer = await callRpc("resident_facts", { p_resident_id: residentId });
  const body = answer && typeof answer === "object" && !Array.isArray(answer) ? answer : {};
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);
  return { age: typeof body.age === "number" ? body.age : null, tags: strings(body.tags), hiddenKinds: strings(body.hidden_kinds) };
}

// What the record form needs about a picked person before filing (public.resident_facts): their
// age in full years today, China time, and the keys of their current tags — what the database's
// eligibility check reads. The birth date itself stays private; the database refuses a person the
// caller does not read (resident_not_found).
import { callRpc } from "./rpc";

/** The shape of ApplicantFacts (@/services/schema), which the eligibility check reads. */
export interface ResidentFacts {
  age: number | null;
  tags: string[];
}

export async function fetchResidentFacts(residentId: string): Promise<ResidentFacts> {
  const answer = await callRpc("resident_facts", { p_resident_id: residentId });
  const body = answer && typeof answer === "object" && !Array.isArray(answer) ? answer : {};
  const tags = Array.isArray(body.tags) ? body.tags.filter((tag): tag is string => typeof tag === "string") : [];
  return { age: typeof body.age === "number" ? body.age : null, tags };
}

// Before filing a record for a person of the registry: the records the service's `duplicates`
// rule finds for them (public.find_duplicate_records) — those the caller reads, and a count of
// the others. The form shows duplicateNotice (src/services/duplicateNotice.ts) and links the ones read.
import type { DuplicateCheck } from "@/contract";
import type { Json } from "./database.types";
import { callRpc } from "./rpc";

export async function findDuplicateRecords(serviceId: string, residentId: string, data: Record<string, unknown>): Promise<DuplicateCheck> {
  const answer = await callRpc("find_duplicate_records", { p_service_id: serviceId, p_resident_id: residentId, p_data: data as Json });
  const body = answer && typeof answer === "object" && !Array.isArray(answer) ? answer : {};
  const action = body.action === "warn" || body.action === "refuse" ? body.action : null;
  const records = Array.isArray(body.records) ? (body.records as unknown as DuplicateCheck["records"]) : [];
  return { action, records, others: typeof body.others === "number" ? body.others : 0 };
}

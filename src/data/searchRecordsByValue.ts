// Finding a service's records by a full ID number or phone: the database compares keyed hashes
// (a blind index, no raw value compared in clear), requires view_sensitive on the service and a
// reason, and logs every search (sensitive_access_log, kind 'search'), refusals too.
import { callRpc } from "./rpc";

export async function searchRecordsByValue(serviceId: string, value: string, reason: string): Promise<string[]> {
  const answer = await callRpc("search_records_by_value", { p_service_id: serviceId, p_value: value, p_reason: reason });
  const ids = answer && typeof answer === "object" && !Array.isArray(answer) ? answer.record_ids : undefined;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}

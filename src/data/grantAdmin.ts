// Editing a role's grant on a service. The database decides who may (administrators of the
// service's owning unit or above) and audits the change; the UI only offers the switch.
import type { PermissionAction } from "@/contract";
import { callRpc } from "./rpc";

export type ServiceGrant = { service_id: string; role_key: string; action: PermissionAction };

export async function setServiceGrant(grant: ServiceGrant, granted: boolean): Promise<void> {
  await callRpc("set_service_grant", {
    p_service_id: grant.service_id,
    p_role_key: grant.role_key,
    p_action: grant.action,
    p_granted: granted,
  });
}

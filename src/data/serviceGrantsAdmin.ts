// One service's live grants for the designer's 权限 page, saved as one change set, and how many
// people hold each role below a unit. The database decides who may (administrators of the
// owning unit or above), applies the set all or nothing, refuses an action left without read
// (permission_needs_read) and audits every change; the page only proposes.
import { permissionActions, type PermissionAction } from "@/contract";
import { toHttpError } from "@/lib/supabase/errors";
import { supabase } from "./client";
import { callRpc } from "./rpc";

export type ServiceGrantRow = { role_key: string; action: PermissionAction };
export type GrantChangeInput = { role_key: string; action: PermissionAction; granted: boolean };

const isAction = (value: string): value is PermissionAction => (permissionActions as readonly string[]).includes(value);

export async function fetchServiceGrants(serviceId: string): Promise<ServiceGrantRow[]> {
  const { data, error } = await supabase.from("service_role_grants").select("role_key,action").eq("service_id", serviceId);
  if (error) throw toHttpError(error);
  // the table's check constraint allows these actions only; the filter tells TypeScript so
  return (data ?? []).flatMap((row) => (isAction(row.action) ? [{ role_key: row.role_key, action: row.action }] : []));
}

/** Applies every change or none; answers the service's grants afterwards. */
export async function setServiceGrants(serviceId: string, changes: readonly GrantChangeInput[]): Promise<ServiceGrantRow[]> {
  const rows = await callRpc("set_service_grants", { p_service_id: serviceId, p_changes: changes.map((c) => ({ ...c })) });
  return rows.flatMap((row) => (isAction(row.action) ? [{ role_key: row.role_key, action: row.action }] : []));
}

/** role key → people holding it (active, distinct) at the unit or below. */
export async function countRoleMembers(orgUnitId: string): Promise<Map<string, number>> {
  const rows = await callRpc("count_role_members", { p_org_unit_id: orgUnitId });
  return new Map(rows.map((row) => [row.role_key, Number(row.people)]));
}

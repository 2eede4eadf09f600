// Who may take a workflow transition, as head counts for the designer (count_transition_actors:
// administrators of the sample unit or above; the database refuses anyone else).
import { callRpc } from "./rpc";

export interface TransitionActors {
  /** role key → distinct active people holding it at the unit or an ancestor */
  perRole: Map<string, number>;
  /** distinct people holding any of the roles asked */
  total: number;
}

export async function countTransitionActors(orgUnitId: string, roles: readonly string[]): Promise<TransitionActors> {
  const rows = await callRpc("count_transition_actors", { p_org_unit_id: orgUnitId, p_roles: [...roles] });
  // the generated type cannot say so, but the total's row has role_key null
  const perRole = new Map<string, number>();
  let total = 0;
  for (const row of rows) {
    const role: string | null = row.role_key;
    if (role === null) total = row.people;
    else perRole.set(role, row.people);
  }
  return { perRole, total };
}

// 待办's filter as PostgREST reads it; no client here, so the views' unit tests can use it.

/** A service and the states of it whose records are someone's task. */
export interface TaskScope {
  serviceId: string;
  statuses: string[];
}

/** Service ids are uuids and state keys [a-z0-9_]: nothing here needs quoting. */
export function taskOrFilter(scopes: readonly TaskScope[]): string {
  return scopes.map((scope) => `and(service_id.eq.${scope.serviceId},status.in.(${scope.statuses.join(",")}))`).join(",");
}

import { availableTransitions } from "@/services/workflow";
import type { PublishedService } from "./recordTypes";

export interface TaskScope {
  serviceId: string;
  statuses: string[];
}

/** For each service, the states where one of `roleKeys` has an outgoing transition. */
export function taskScopes(services: readonly PublishedService[], roleKeys: readonly string[]): TaskScope[] {
  return services.flatMap((service) => {
    if (!service.parsed.ok) return [];
    const { definition } = service.parsed;
    const statuses = definition.workflow.states.filter((state) => availableTransitions(definition, state.key, roleKeys).length > 0).map((state) => state.key);
    return statuses.length > 0 ? [{ serviceId: service.id, statuses }] : [];
  });
}

/** Service ids are uuids and state keys [a-z0-9_]: nothing here needs quoting. */
export function taskOrFilter(scopes: readonly TaskScope[]): string {
  return scopes.map((scope) => `and(service_id.eq.${scope.serviceId},status.in.(${scope.statuses.join(",")}))`).join(",");
}

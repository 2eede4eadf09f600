import type { TaskScope } from "@/data/taskFilter";
import { availableTransitions } from "@/services/workflow";
import type { PublishedService } from "./publishedService";

/** For each service, the states where one of `roleKeys` has an outgoing transition. */
export function taskScopes(services: readonly PublishedService[], roleKeys: readonly string[]): TaskScope[] {
  return services.flatMap((service) => {
    if (!service.parsed.ok) return [];
    const { definition } = service.parsed;
    const statuses = definition.workflow.states.filter((state) => availableTransitions(definition, state.key, roleKeys).length > 0).map((state) => state.key);
    return statuses.length > 0 ? [{ serviceId: service.id, statuses }] : [];
  });
}

import { useQuery } from "@tanstack/react-query";
import type { DefinitionError, ServiceDefinition } from "@/services/schema";
import { fetchServiceVersion } from "./serviceQueries";
import type { LoadedService } from "./useServiceByKey";

export type VersionLookup =
  | { state: "loading" }
  | { state: "failed"; error: unknown }
  | { state: "invalid"; errors: DefinitionError[] }
  | { state: "ready"; definition: ServiceDefinition };

/**
 * The definition a record was created under. Usually the current one; an older record keeps
 * its own frozen version, so a later change to the service never breaks it.
 */
export function useRecordDefinition(service: LoadedService, version: number | undefined): VersionLookup {
  const isCurrent = version === service.currentVersion;
  const query = useQuery({
    // grants are part of the key: an edit in 权限矩阵 must reach old records' buttons too
    queryKey: ["cgs", "service-version", service.id, version, service.grants],
    queryFn: () => fetchServiceVersion(service.id, version ?? service.currentVersion, service.definition.permissions),
    enabled: version !== undefined && !isCurrent,
    // published versions never change
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (version === undefined) return { state: "loading" };
  if (isCurrent) return { state: "ready", definition: service.definition };
  if (query.isError) return { state: "failed", error: query.error };
  if (!query.data) return { state: "loading" };
  return query.data.ok ? { state: "ready", definition: query.data.definition } : { state: "invalid", errors: query.data.errors };
}

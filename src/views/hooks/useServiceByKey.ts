import { useEffect, useMemo, useRef } from "react";
import type { DefinitionError, ServiceDefinition } from "@/services/schema";
import type { PublishedService } from "./publishedService";
import { usePublishedServices } from "./usePublishedServices";

export type LoadedService = PublishedService & { definition: ServiceDefinition };

export type ServiceLookup =
  | { state: "loading" }
  | { state: "failed"; error: unknown }
  | { state: "not_found" }
  | { state: "invalid"; service: PublishedService; errors: DefinitionError[] }
  | { state: "ready"; service: LoadedService };

/**
 * A published service by its key. An unknown key triggers one refetch first: the link may
 * point at a service published after the menu was loaded.
 */
export function useServiceByKey(serviceKey: string): ServiceLookup {
  const query = usePublishedServices();
  const service = query.data?.find((s) => s.key === serviceKey);
  const retried = useRef<string | null>(null);
  const missing = query.isSuccess && !service;
  // one object per loaded service, so pages can memoise on it
  const ready = useMemo<LoadedService | undefined>(() => (service?.parsed.ok ? { ...service, definition: service.parsed.definition } : undefined), [service]);
  useEffect(() => {
    if (missing && retried.current !== serviceKey && !query.isFetching) {
      retried.current = serviceKey;
      void query.refetch();
    }
  }, [missing, serviceKey, query]);

  if (query.isError && !query.data) return { state: "failed", error: query.error };
  if (!query.data || (missing && (retried.current !== serviceKey || query.isFetching))) return { state: "loading" };
  if (!service) return { state: "not_found" };
  if (!service.parsed.ok) return { state: "invalid", service, errors: service.parsed.errors };
  return ready ? { state: "ready", service: ready } : { state: "loading" };
}

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useLocation } from "react-router";
import { fetchPublishedServices } from "./serviceQueries";

export const publishedServicesQueryKey = ["cgs", "published-services"] as const;

/** Long enough that moving between a list and its records reuses the definitions. */
const freshForMs = 30_000;

/**
 * Published services, read at runtime: a service published a moment ago appears without a
 * rebuild. Refetched when the window regains focus and, once stale, on navigation (there is no
 * realtime in the local stack).
 */
export function usePublishedServices() {
  const query = useQuery({
    queryKey: publishedServicesQueryKey,
    queryFn: fetchPublishedServices,
    staleTime: freshForMs,
    refetchOnWindowFocus: true,
  });
  const { pathname } = useLocation();
  const { refetch, dataUpdatedAt, isFetching } = query;
  useEffect(() => {
    if (!isFetching && dataUpdatedAt > 0 && Date.now() - dataUpdatedAt > freshForMs) void refetch();
    // only a navigation should trigger this, not the query's own state changes
  }, [pathname]);
  return query;
}

// 服务管理's rows (list_services): read per visit, refreshed after every change made here. Keys of
// every service are also what a new service's key must avoid.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { listServices } from "@/data/serviceAdmin";
import { publishedServicesQueryKey } from "@/views/hooks/usePublishedServices";

export const serviceListQueryKey = ["cgs", "service-list"] as const;

export function useServiceList() {
  return useQuery({ queryKey: serviceListQueryKey, queryFn: listServices });
}

/** After a create, publish, archive or restore: the list here and the menus everywhere. */
export function useRefreshServices(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: serviceListQueryKey }),
      queryClient.invalidateQueries({ queryKey: publishedServicesQueryKey }),
    ]);
  }, [queryClient]);
}

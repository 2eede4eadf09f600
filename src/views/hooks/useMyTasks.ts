import { useGetIdentity } from "@refinedev/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Identity } from "@/data/myContext";
import { allRoleKeys } from "../shared/servicePermissions";
import { fetchMyTasks } from "@/data/myTasks";
import { taskScopes } from "./taskScopes";
import { usePublishedServices } from "./usePublishedServices";

export const myTasksQueryKey = ["cgs", "my-tasks"] as const;

/** Enough for a working day's list; the badge shows the exact total. */
const taskLimit = 200;

/**
 * The signed-in user's tasks, shared by the menu badge and the 待办 page (one cache entry).
 * Roles are the user's roles anywhere: RLS already limits rows to their units, and a person
 * holding different roles in different units is rare enough to accept an extra row.
 */
export function useMyTasks() {
  const { data: identity } = useGetIdentity<Identity>();
  const services = usePublishedServices();
  const scopes = useMemo(() => taskScopes(services.data ?? [], allRoleKeys(identity?.memberships ?? [])), [services.data, identity]);
  const query = useQuery({
    queryKey: [...myTasksQueryKey, identity?.id ?? "", scopes],
    queryFn: () => fetchMyTasks(scopes, taskLimit),
    enabled: identity !== undefined && services.isSuccess,
    refetchOnWindowFocus: true,
    staleTime: 15_000,
  });
  return { ...query, services: services.data ?? [] };
}

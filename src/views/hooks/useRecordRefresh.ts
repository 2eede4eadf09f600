import { useInvalidate } from "@refinedev/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { myTasksQueryKey } from "./useMyTasks";
import { recordEventsResource, recordsResource } from "@/data/records";

/**
 * After an RPC action on a record (transition, comment, delete): its page, every list of
 * records, its history and 待办.
 */
export function useRecordRefresh(): () => Promise<void> {
  const invalidate = useInvalidate();
  const refreshAround = useRecordSurroundingsRefresh();
  return useCallback(async () => {
    await Promise.all([invalidate({ resource: recordsResource, invalidates: ["resourceAll"] }), refreshAround()]);
  }, [invalidate, refreshAround]);
}

/**
 * What a change to a record shows outside the records resource: its history and 待办. An edit
 * through useUpdate needs only this; Refine invalidates the records' own queries.
 */
export function useRecordSurroundingsRefresh(): () => Promise<void> {
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      invalidate({ resource: recordEventsResource, invalidates: ["resourceAll"] }),
      queryClient.invalidateQueries({ queryKey: myTasksQueryKey }),
    ]);
  }, [invalidate, queryClient]);
}

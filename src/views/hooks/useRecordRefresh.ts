import { useInvalidate } from "@refinedev/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { myTasksQueryKey } from "./useMyTasks";
import { recordEventsResource, recordsResource } from "./recordTypes";

/** After any action on a record: its page, every list of records, its history and 待办. */
export function useRecordRefresh(): () => Promise<void> {
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      invalidate({ resource: recordsResource, invalidates: ["resourceAll"] }),
      invalidate({ resource: recordEventsResource, invalidates: ["resourceAll"] }),
      queryClient.invalidateQueries({ queryKey: myTasksQueryKey }),
    ]);
  }, [invalidate, queryClient]);
}

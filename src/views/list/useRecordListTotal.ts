import { useDataProvider, type CrudFilter } from "@refinedev/core";
import { useQuery } from "@tanstack/react-query";
import { exactCountLimit, isEstimatedTotal } from "@/data/exactCountLimit";
import { recordsResource } from "@/data/records";
import { estimateRecordCount } from "@/data/recordCounts";
import { selectFor } from "./recordListQuery";
import { splitSubtreeFilter } from "./recordListScope";

export type RecordListTotal = { total: number | undefined; estimated: boolean };

/**
 * The list's total as shown: PostgREST's count=estimated is exact up to exactCountLimit (50,000
 * visible records); beyond it, the planner's "约 N" from the caller's own units
 * (estimate_record_count), scaled by the list's other filters as PostgREST plans them. Until
 * that answers, PostgREST's own estimate stands (never below the limit).
 */
export function useRecordListTotal(serviceId: string, filters: CrudFilter[], countedTotal: number | undefined): RecordListTotal {
  const dataProvider = useDataProvider();
  const estimated = isEstimatedTotal(countedTotal);
  // a unit subtree narrows the estimate's base; the selectivity of the rest comes from the plan
  const { unitId, others } = splitSubtreeFilter(filters);
  const { data } = useQuery({
    queryKey: ["record-count-estimate", serviceId, filters],
    enabled: estimated,
    staleTime: 60_000,
    queryFn: async () => {
      const planned = await dataProvider().getList({
        resource: recordsResource,
        pagination: { currentPage: 1, pageSize: 1, mode: "server" },
        filters: others,
        meta: { select: selectFor("id", others), count: "planned" },
      });
      return estimateRecordCount(serviceId, unitId, planned.total);
    },
  });
  if (!estimated) return { total: countedTotal, estimated: false };
  return { total: data ?? Math.max(countedTotal ?? 0, exactCountLimit + 1), estimated: true };
}

import { useQuery } from "@tanstack/react-query";
import { fetchCockpitSummary, fetchCockpitTrend } from "@/data/cockpit";

const staleTime = 30_000;

export function useCockpitSummary(unitId: string | undefined, from: string | null, to: string | null) {
  return useQuery({
    queryKey: ["cgs", "cockpit-summary", unitId, from, to],
    queryFn: () => fetchCockpitSummary(unitId!, from, to),
    enabled: Boolean(unitId),
    staleTime,
    retry: false,
  });
}

export function useCockpitTrend(unitId: string | undefined, period: "week" | "month", from: string | null, to: string | null, serviceId: string | null) {
  return useQuery({
    queryKey: ["cgs", "cockpit-trend", unitId, period, from, to, serviceId],
    queryFn: () => fetchCockpitTrend(unitId!, period, from, to, serviceId),
    enabled: Boolean(unitId),
    staleTime,
    retry: false,
  });
}

// A record about the person as the timeline and the tag sources name it: its service's name, its
// state's label and its page (/s/<service key>/show/<id>), from the published services the app
// already holds. A record of a service no longer published keeps its id and no link.
import { useCallback, useMemo } from "react";
import type { ResidentRecordRow } from "@/data/residents";
import { usePublishedServices } from "@/views/hooks/usePublishedServices";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import { serviceName } from "@/views/shared/serviceName";
import { stateLabel } from "@/views/shared/StatusTag";

export type RecordLink = { href: string | null; service: string | null; status: string };

export function useRecordLinks(): (record: Pick<ResidentRecordRow, "id" | "service_id" | "status">) => RecordLink {
  const language = useFieldLanguage();
  const services = usePublishedServices();
  const byId = useMemo(() => new Map((services.data ?? []).map((service) => [service.id, service])), [services.data]);
  return useCallback(
    (record) => {
      const service = byId.get(record.service_id);
      if (!service) return { href: null, service: null, status: record.status };
      return {
        href: `/s/${service.key}/show/${record.id}`,
        service: serviceName(service, language),
        status: service.parsed.ok ? stateLabel(service.parsed.definition, record.status, language) : record.status,
      };
    },
    [byId, language],
  );
}

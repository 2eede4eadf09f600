// Creating the service a sheet describes, and importing its rows. The database decides who may
// create and publish (create_service, publish_service) and checks every record again on insert;
// the rows go in ONE insert statement (data/insertRecords), so either all of them exist or none.
// A service created by an attempt whose insert the database then refused is remembered, so trying
// again imports into it instead of creating a second one.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Json } from "@/data/database.types";
import { insertRecords } from "@/data/insertRecords";
import { createService, publishService, type ServiceRow } from "@/data/serviceAdmin";
import { toHttpError } from "@/lib/supabase/errors";
import type { ServiceDefinition, ServiceDefinitionInput } from "@/services/schema";
import { publishedServicesQueryKey } from "@/views/hooks/usePublishedServices";
import type { SheetRecord } from "./checkSheetRows";

/** Enough tries for a name used a few times over (ju_min_hua_ming_ce, ju_min_hua_ming_ce_2 …). */
const keyAttempts = 20;

/** A new draft under the first free key made from `base`: keys are global (records and routes are named by them). */
async function createUnderFreeKey(definition: ServiceDefinitionInput, ownerUnitId: string): Promise<ServiceRow> {
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? "" : `_${n}`;
    const key = definition.key.slice(0, 40 - suffix.length) + suffix;
    try {
      return await createService({ ...definition, key } as Json, ownerUnitId);
    } catch (e) {
      // the database says which keys are taken (service_key_taken); after a few tries, let it say so
      if (toHttpError(e).message !== "service_key_taken" || n >= keyAttempts) throw e;
    }
  }
}

export function useSheetServiceCreate() {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<ServiceRow | null>(null);

  const ensureCreated = async (definition: ServiceDefinitionInput, ownerUnitId: string): Promise<ServiceRow> => {
    if (created) return created;
    const row = await createUnderFreeKey(definition, ownerUnitId);
    setCreated(row);
    return row;
  };

  /** A draft for the designer; nothing published. */
  const createDraft = (definition: ServiceDefinitionInput, ownerUnitId: string) => ensureCreated(definition, ownerUnitId);

  /** Creates and publishes the service (once), then inserts every record or none; returns the service and the count. */
  const createAndImport = async (definition: ServiceDefinitionInput, parsed: ServiceDefinition, ownerUnitId: string, records: readonly SheetRecord[]) => {
    let service = await ensureCreated(definition, ownerUnitId);
    if (service.current_version === null) {
      service = await publishService(service.id, null, service.row_version);
      setCreated(service);
    }
    const count = await insertRecords({
      serviceId: service.id,
      serviceVersion: service.current_version ?? 1,
      initialStatus: parsed.workflow.initial,
      orgUnitId: ownerUnitId,
      rows: records.map((record) => record.data),
    });
    await queryClient.invalidateQueries({ queryKey: publishedServicesQueryKey });
    return { service, count };
  };

  return { created, createDraft, createAndImport };
}

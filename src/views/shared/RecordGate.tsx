import { useOne } from "@refinedev/core";
import { Alert, Result } from "antd";
import type { ReactNode } from "react";
import { PageLoading } from "@/components/PageLoading";
import { useT } from "@/i18n";
import type { ServiceDefinition } from "@/services/schema";
import { recordColumns, recordsResource, type RecordRow } from "@/data/records";
import { residentFieldKeys } from "../hooks/useLookups";
import { useRecordDefinition } from "../hooks/useRecordDefinition";
import type { LoadedService } from "../hooks/useServiceByKey";
import { DefinitionErrorPage } from "./DefinitionErrorPage";
import { withLinkedPerson } from "./linkedPerson";
import { useErrorText } from "./useErrorText";

export interface LoadedRecord {
  record: RecordRow;
  /** the definition of the record's own version */
  definition: ServiceDefinition;
  reload(): Promise<RecordRow | undefined>;
}

interface RecordGateProps {
  service: LoadedService;
  id: string;
  /** the edit form keeps its copy while the user types: no refetch on focus there */
  live: boolean;
  children(loaded: LoadedRecord): ReactNode;
}

/** Loads one record of the service and its version's definition; renders children once both are there. */
export function RecordGate({ service, id, live, children }: RecordGateProps) {
  const t = useT();
  const errorText = useErrorText();
  const { result: record, query } = useOne<RecordRow>({
    resource: recordsResource,
    id,
    meta: { select: recordColumns },
    queryOptions: { refetchOnWindowFocus: live },
  });
  const version = useRecordDefinition(service, record?.service_version);
  if (query.isError) return <Alert type="error" showIcon message={errorText(query.error)} />;
  if (query.isLoading) return <PageLoading />;
  // RLS hides records outside the user's units: absent and forbidden look the same, on purpose
  if (!record || record.service_id !== service.id) return <Result status="404" title={t("errors.notFound")} />;
  switch (version.state) {
    case "loading":
      return <PageLoading />;
    case "failed":
      return <Alert type="error" showIcon message={errorText(version.error)} />;
    case "invalid":
      return <DefinitionErrorPage name={service.name} version={record.service_version} errors={version.errors} />;
    case "ready": {
      const residentKey = residentFieldKeys(version.definition)[0];
      const reload = async () => {
        const fresh = (await query.refetch()).data?.data;
        return fresh && withLinkedPerson(fresh, residentKey);
      };
      return <>{children({ record: withLinkedPerson(record, residentKey), definition: version.definition, reload })}</>;
    }
  }
}

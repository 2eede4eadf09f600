import { useGetIdentity } from "@refinedev/core";
import { useParams } from "react-router";
import { PageLoading } from "@/components/PageLoading";
import type { Identity } from "@/data/myContext";
import { initialAnswers } from "@/services/initialAnswers";
import { defaultRecordUnit } from "../shared/servicePermissions";
import { ServiceGate } from "../shared/ServiceGate";
import { CreateGrantGate } from "./CreateGrantGate";
import { RecordForm } from "./RecordForm";

/** /s/:serviceKey/create — always the current version of the definition. */
export default function RecordCreatePage() {
  const { serviceKey = "" } = useParams();
  const { data: identity, isLoading } = useGetIdentity<Identity>();
  if (isLoading) return <PageLoading />;
  return (
    <ServiceGate key={serviceKey} serviceKey={serviceKey}>
      {(service) => (
        <CreateGrantGate service={service}>
          <RecordForm
            service={service}
            definition={service.definition}
            defaultUnit={defaultRecordUnit(service.definition, identity?.memberships ?? [])}
            initialData={initialAnswers(service.definition.fields, { userId: identity?.id, now: new Date() })}
          />
        </CreateGrantGate>
      )}
    </ServiceGate>
  );
}

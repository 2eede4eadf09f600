import { useParams } from "react-router";
import { RecordGate } from "../shared/RecordGate";
import { ServiceGate } from "../shared/ServiceGate";
import { RecordForm } from "./RecordForm";

/** /s/:serviceKey/edit/:id — edits under the record's own version of the definition. */
export default function RecordEditPage() {
  const { serviceKey = "", id = "" } = useParams();
  return (
    <ServiceGate key={serviceKey} serviceKey={serviceKey}>
      {(service) => (
        <RecordGate key={id} service={service} id={id} live={false}>
          {({ record, definition, reload }) => (
            <RecordForm service={service} definition={definition} record={record} defaultUnit={record.org_unit_id} reload={reload} />
          )}
        </RecordGate>
      )}
    </ServiceGate>
  );
}

import { useParams } from "react-router";
import { RecordGate } from "../shared/RecordGate";
import { ServiceGate } from "../shared/ServiceGate";
import { RecordDetail } from "./RecordDetail";

/** /s/:serviceKey/show/:id */
export default function RecordShowPage() {
  const { serviceKey = "", id = "" } = useParams();
  return (
    <ServiceGate key={serviceKey} serviceKey={serviceKey}>
      {(service) => (
        <RecordGate key={id} service={service} id={id} live>
          {(loaded) => <RecordDetail service={service} loaded={loaded} />}
        </RecordGate>
      )}
    </ServiceGate>
  );
}

import { useParams } from "react-router";
import { ServiceGate } from "../shared/ServiceGate";
import { RecordList } from "./RecordList";

/** /s/:serviceKey — keyed by service so list state never leaks from one service to the next. */
export default function RecordListPage() {
  const { serviceKey = "" } = useParams();
  return (
    <ServiceGate key={serviceKey} serviceKey={serviceKey}>
      {(service) => <RecordList service={service} />}
    </ServiceGate>
  );
}

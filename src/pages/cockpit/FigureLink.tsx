import { Link } from "react-router";
import { useT } from "@/i18n";
import { recordListScopeSearch, type RecordListScope } from "@/views/list/recordListScope";

/** A count that opens the records behind it; named for screen readers and tests by what it counts. */
export function FigureLink({ value, serviceKey, scope, label }: { value: number; serviceKey: string | undefined; scope: RecordListScope; label: string }) {
  const t = useT();
  if (!serviceKey) return <>{value}</>;
  return (
    <Link to={`/s/${serviceKey}${recordListScopeSearch(scope)}`} aria-label={t("cockpit.openRecords", { label, value: String(value) })}>
      {value}
    </Link>
  );
}

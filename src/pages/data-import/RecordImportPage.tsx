// /s/:serviceKey/import: records of any service from a sheet (import_records: each row a new
// record through the normal insert path, as the importer). Offered to roles that may create
// records of the service; a service whose required items a cell cannot hold is refused up front.
import { useGetIdentity } from "@refinedev/core";
import { Alert } from "antd";
import { useCallback, useMemo } from "react";
import { useParams } from "react-router";
import type { Identity } from "@/data/myContext";
import { useT } from "@/i18n";
import type { LoadedService } from "@/views/hooks/useServiceByKey";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import { ServiceGate } from "@/views/shared/ServiceGate";
import { serviceName } from "@/views/shared/serviceName";
import { allRoleKeys, mayDo } from "@/views/shared/servicePermissions";
import type { HeaderMapping } from "./importColumns";
import { ImportWizard } from "./ImportWizard";
import { recordImportColumns, recordUnitColumn, unimportableRequired } from "./recordImportColumns";
import { recordRowConverter } from "./recordImportRows";
import { useImportUnits } from "./useImportUnits";

const unitLevels = ["grid", "community", "street", "county", "prefecture"];

function RecordImport({ service }: { service: LoadedService }) {
  const t = useT();
  const language = useFieldLanguage();
  const { definition } = service;
  const { data: identity } = useGetIdentity<Identity>();
  const mayCreate = mayDo(definition, allRoleKeys(identity?.memberships ?? []), "create");
  const units = useImportUnits(unitLevels, (role) => mayDo(definition, [role], "create"));
  const target = useMemo(() => ({ kind: "records", serviceId: service.id }) as const, [service.id]);
  const columns = useMemo(() => (units ? recordImportColumns(definition, { units }) : null), [definition, units]);
  const blockedFields = unimportableRequired(definition);
  const recordUnitKey = definition.fields.find((field) => field.recordUnit)?.key ?? recordUnitColumn;
  const makeConverter = useCallback(
    (headers: readonly string[], mapping: HeaderMapping) => recordRowConverter(definition, columns ?? [], headers, mapping),
    [definition, columns],
  );
  const keyOf = useCallback((column: string) => (column === "org_unit_id" ? recordUnitKey : column), [recordUnitKey]);
  const name = serviceName(service, language);

  if (!mayCreate) return <Alert type="warning" showIcon message={t("dataImport.noPermission")} />;
  return (
    <ImportWizard
      target={target}
      title={t("dataImport.recordsTitle", { service: name })}
      intro={t("dataImport.recordsIntro")}
      templateName={name}
      columns={columns}
      blocked={blockedFields.length > 0 ? t("dataImport.blocked", { fields: blockedFields.map((f) => f.label).join(t("records.list.separator")) }) : null}
      makeConverter={makeConverter}
      keyOf={keyOf}
      listPath={`/s/${service.key}`}
    />
  );
}

/** /s/:serviceKey/import — keyed by service so no state leaks from one service to the next. */
export function RecordImportPage() {
  const { serviceKey = "" } = useParams();
  return (
    <ServiceGate key={serviceKey} serviceKey={serviceKey}>
      {(service) => <RecordImport service={service} />}
    </ServiceGate>
  );
}

export default RecordImportPage;

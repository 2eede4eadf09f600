// /residents/import: the registry's import. People are upserted by ID number (import_residents):
// new ones registered, registered ones updated with what the sheet says, nobody twice.
import { Alert } from "antd";
import { useCallback, useMemo } from "react";
import { useT } from "@/i18n";
import { beijingToday } from "@/pages/residents/residentInput";
import { useRegistryLabels, type CodeList } from "@/pages/residents/useRegistryLabels";
import { useRegistryPermissions } from "@/pages/residents/useRegistryPermissions";
import type { HeaderMapping } from "./importColumns";
import { ImportWizard } from "./ImportWizard";
import { residentImportColumns } from "./residentImportColumns";
import { residentRowConverter } from "./residentImportRows";
import { useImportUnits } from "./useImportUnits";

const codeLists: CodeList[] = ["sex", "ethnicity", "political_status", "marital_status", "household_relation"];
const registryLevels = ["grid", "community"];
const target = { kind: "residents" } as const;

export function ResidentImportPage() {
  const t = useT();
  const labels = useRegistryLabels();
  const { canEdit, canViewSensitive } = useRegistryPermissions();
  const units = useImportUnits(registryLevels);
  const columns = useMemo(() => {
    if (labels.isLoading || !units) return null;
    // sensitive kinds (低保, 残疾人 …) only for a role with view_sensitive: the database refuses anybody else writing them
    const tagKinds = labels.tagKinds.filter((kind) => canViewSensitive || !kind.sensitive);
    return residentImportColumns({ codes: codeLists.flatMap((list) => labels.codes(list)), tagKinds, units });
  }, [labels, units, canViewSensitive]);
  const makeConverter = useCallback(
    (headers: readonly string[], mapping: HeaderMapping) => residentRowConverter(columns ?? [], headers, mapping, beijingToday()),
    [columns],
  );

  if (!canEdit) return <Alert type="warning" showIcon message={t("dataImport.noPermission")} />;
  return (
    <ImportWizard
      target={target}
      title={t("dataImport.residentsTitle")}
      intro={t("dataImport.residentsIntro")}
      templateName="居民"
      columns={columns}
      makeConverter={makeConverter}
      listPath="/residents"
    />
  );
}

export default ResidentImportPage;

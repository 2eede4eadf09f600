// The definition an admin is working on: the draft when there is one (what the designer shows),
// else the current published version. The designer opens it; a copy or an export starts from it.
import { fetchServiceForDesign, fetchServiceVersions, type ServiceRow, type ServiceVersionRow } from "@/data/serviceAdmin";
import type { DraftDefinition } from "../designer/designerDoc";

export function definitionInProgress(row: Pick<ServiceRow, "draft" | "current_version">, versions: readonly ServiceVersionRow[]): DraftDefinition | null {
  const current = versions.find((version) => version.version === row.current_version);
  return (row.draft ?? current?.definition ?? null) as unknown as DraftDefinition | null;
}

export async function serviceSource(serviceId: string): Promise<DraftDefinition | null> {
  const [row, versions] = await Promise.all([fetchServiceForDesign(serviceId), fetchServiceVersions(serviceId)]);
  return row ? definitionInProgress(row, versions) : null;
}

// The definition a copy or an export starts from: the draft when there is one (what the admin
// sees in the designer), else the current published version.
import { fetchServiceForDesign, fetchServiceVersions } from "@/data/serviceAdmin";
import type { DraftDefinition } from "../designer/designerDoc";

export async function serviceSource(serviceId: string): Promise<DraftDefinition | null> {
  const [row, versions] = await Promise.all([fetchServiceForDesign(serviceId), fetchServiceVersions(serviceId)]);
  if (!row) return null;
  const current = versions.find((version) => version.version === row.current_version);
  return (row.draft ?? current?.definition ?? null) as unknown as DraftDefinition | null;
}

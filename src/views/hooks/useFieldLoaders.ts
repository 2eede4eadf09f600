import { useGetIdentity, useNotification } from "@refinedev/core";
import { useMemo, useRef } from "react";
import type { FieldLoaders, OrgUnitOption, ResidentCreateOutcome, ResidentOption, ResidentQuery, UserOption } from "@/field-types";
import { createResident, fetchResident, findResidentPicks, searchResidentsByValue, type ResidentPick } from "@/data/residents";
import { toHttpError } from "@/lib/supabase/errors";
import { isWithinUnits } from "@/lib/domain/access";
import type { Identity } from "@/data/myContext";
import { searchProfiles } from "@/data/profiles";
import { useErrorText } from "../shared/useErrorText";
import { attachmentUrl, uploadAttachment } from "@/data/attachmentStorage";
import { useOrgUnits } from "./useOrgUnits";

const userSearchLimit = 20;
const residentSearchLimit = 20;
/** Logged with the resident picker's exact search (search_residents_by_value needs a reason). */
const residentSearchReason = "办理业务时查找申请人 / Looking up an applicant for a record";

const residentOption = (row: ResidentPick): ResidentOption => ({ id: row.id, name: row.name, idNumber: row.id_number, birthYear: row.birth_year });

/** The registry behind the resident picker: names and initials as a filter, a full ID number through the logged exact search. */
async function searchResidents(query: ResidentQuery): Promise<ResidentOption[]> {
  if (query.kind === "none") return [];
  if (query.kind === "id_number") {
    // a role without view_sensitive is refused by the database: then nothing is found
    const ids = await searchResidentsByValue(query.value, residentSearchReason).catch(() => []);
    return (await findResidentPicks({ kind: "ids", ids }, residentSearchLimit)).map(residentOption);
  }
  return (await findResidentPicks(query, residentSearchLimit)).map(residentOption);
}

/**
 * The server access field inputs need, injected so the registry never imports supabase.
 * The object changes once, when the org tree and the identity have arrived (inputs load their
 * options in effects keyed on it, so they reload then), and is stable afterwards.
 */
export function useFieldLoaders(): FieldLoaders {
  const errorText = useErrorText();
  const { open } = useNotification();
  const { data: identity } = useGetIdentity<Identity>();
  const units = useOrgUnits();
  // Inputs call these later; refs let the stable object read the latest answers.
  const latest = useRef({ identity, units, open, errorText });
  latest.current = { identity, units, open, errorText };
  const ready = identity !== undefined && !units.isLoading;

  return useMemo<FieldLoaders>(
    () => ({
      // Units in the user's own subtrees: the only ones they can file records under.
      loadOrgUnits: async (): Promise<OrgUnitOption[]> => {
        const { identity: me, units: tree } = latest.current;
        const roots = (me?.memberships ?? []).map((m) => m.org_unit_id).filter((id) => tree.byId.has(id));
        return tree.rows.filter((unit) => isWithinUnits(unit.path, roots));
      },
      searchUsers: (query: string): Promise<UserOption[]> => searchProfiles(query, userSearchLimit),
      uploadFile: async (file: File) => {
        try {
          return await uploadAttachment(file);
        } catch (e) {
          // The upload box only turns the file red; say why (too large, wrong type …).
          const { open: notify, errorText: describe } = latest.current;
          notify?.({ type: "error", message: file.name, description: describe(e), key: `upload-${file.name}` });
          throw e;
        }
      },
      fileUrl: attachmentUrl,
      searchResidents,
      // a new person lives where the user works: their first grid or community (the registry's
      // page moves them); the database refuses a second person with one ID number
      createResident: async ({ name, idNumber }): Promise<ResidentCreateOutcome> => {
        const { identity: me, units: tree, errorText: describe } = latest.current;
        const home = (me?.memberships ?? []).map((m) => tree.byId.get(m.org_unit_id)).find((unit) => unit?.level === "grid" || unit?.level === "community");
        if (!home) return { ok: false, message: "请到居民档案登记此人 / Register the person in 居民档案" };
        try {
          const row = await createResident({ name, id_number: idNumber, grid_org_unit_id: home.id });
          return { ok: true, person: residentOption(row), existed: false };
        } catch (thrown) {
          const error = toHttpError(thrown);
          const existing = error.message === "resident_exists" ? existingResidentId(error.details) : undefined;
          const found = existing ? await fetchResident(existing).catch(() => null) : null;
          if (found) return { ok: true, person: residentOption(found.resident), existed: true };
          return { ok: false, message: describe(error) };
        }
      },
    }),
    [ready],
  );
}

/** The person a resident_exists refusal names (only when the caller may read them). */
function existingResidentId(details: string | undefined): string | undefined {
  try {
    const parsed: unknown = JSON.parse(details ?? "");
    const id = parsed && typeof parsed === "object" ? (parsed as { resident_id?: unknown }).resident_id : undefined;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

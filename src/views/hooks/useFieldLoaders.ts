import { useGetIdentity, useNotification } from "@refinedev/core";
import { useMemo, useRef } from "react";
import type { FieldLoaders, OrgUnitOption, ResidentCreateOutcome, ResidentGrids, ResidentOption, ResidentQuery, UserOption } from "@/field-types";
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

  /** Grids within the user's memberships; their communities when they hold none (the registry takes a community when the grid is unknown). */
  const registrationUnits = (): OrgUnitOption[] => {
    const { identity: me, units: tree } = latest.current;
    const roots = (me?.memberships ?? []).map((m) => m.org_unit_id).filter((id) => tree.byId.has(id));
    const mine = tree.rows.filter((unit) => isWithinUnits(unit.path, roots));
    const grids = mine.filter((unit) => unit.level === "grid");
    return grids.length > 0 ? grids : mine.filter((unit) => unit.level === "community");
  };

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
      residentsByIds: async (ids) => (await findResidentPicks({ kind: "ids", ids: [...ids] }, ids.length)).map(residentOption),
      // where a new person may live: the grids in the user's own subtrees (the record form adds
      // the grid its grid field names); a user who holds no grid registers in their community
      residentGrids: async (): Promise<ResidentGrids> => ({ fixed: null, choices: registrationUnits() }),
      // the database refuses a second person with one ID number, and a grid outside the user's scope
      createResident: async ({ name, idNumber, gridId }): Promise<ResidentCreateOutcome> => {
        const { errorText: describe } = latest.current;
        const choices = registrationUnits();
        const home = gridId ?? (choices.length === 1 ? choices[0].id : undefined);
        if (!home) return { ok: false, message: "请选择所在网格 / Choose the grid the person lives in" };
        try {
          const row = await createResident({ name, id_number: idNumber, grid_org_unit_id: home });
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

import { useGetIdentity, useNotification } from "@refinedev/core";
import { useMemo, useRef } from "react";
import type { FieldLoaders, OrgUnitOption, UserOption } from "@/field-types";
import { isWithinUnits } from "@/lib/domain/access";
import type { Identity } from "@/data/myContext";
import { searchProfiles } from "@/data/profiles";
import { useErrorText } from "../shared/useErrorText";
import { attachmentUrl, uploadAttachment } from "@/data/attachmentStorage";
import { useOrgUnits } from "./useOrgUnits";

const userSearchLimit = 20;

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
    }),
    [ready],
  );
}

// Labels of the registry's code lists (GB/T 2261, 3304, 4762, 4761) and tag kinds in the
// reader's language, read once per session: they change only with a migration.
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { fetchResidentCodes, fetchResidentTagKinds, type ResidentCodeRow, type ResidentTagKindRow } from "@/data/residents";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";

export type CodeList = "sex" | "ethnicity" | "marital_status" | "political_status" | "household_relation";

export interface RegistryLabels {
  codes(list: CodeList): ResidentCodeRow[];
  codeLabel(list: CodeList, code: string | null | undefined): string | undefined;
  tagKinds: ResidentTagKindRow[];
  tagLabel(key: string): string;
  isLoading: boolean;
}

export function useRegistryLabels(): RegistryLabels {
  const english = useFieldLanguage() === "en";
  const codes = useQuery({ queryKey: ["cgs", "resident-codes"], queryFn: fetchResidentCodes, staleTime: Infinity });
  const kinds = useQuery({ queryKey: ["cgs", "resident-tag-kinds"], queryFn: fetchResidentTagKinds, staleTime: Infinity });
  const codeRows = codes.data;
  const kindRows = kinds.data;
  const byList = useMemo(() => {
    const lists = new Map<string, ResidentCodeRow[]>();
    for (const row of codeRows ?? []) lists.set(row.list, [...(lists.get(row.list) ?? []), row]);
    return lists;
  }, [codeRows]);
  const codeLabel = useCallback(
    (list: CodeList, code: string | null | undefined) => {
      if (!code) return undefined;
      const row = byList.get(list)?.find((r) => r.code === code);
      return row ? (english ? row.label_en : row.label_zh) : code;
    },
    [byList, english],
  );
  const tagLabel = useCallback(
    (key: string) => {
      const kind = kindRows?.find((k) => k.key === key);
      return kind ? (english ? kind.label_en : kind.label_zh) : key;
    },
    [kindRows, english],
  );
  return useMemo(
    () => ({
      codes: (list: CodeList) => byList.get(list) ?? [],
      codeLabel,
      tagKinds: kindRows ?? [],
      tagLabel,
      isLoading: codes.isLoading || kinds.isLoading,
    }),
    [byList, codeLabel, kindRows, tagLabel, codes.isLoading, kinds.isLoading],
  );
}

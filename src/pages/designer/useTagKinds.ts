// The registry's tag kinds (public.resident_tag_kinds) as the designer offers them: key and label
// in the reader's language, whether derived from the birth date (60岁以上, 80岁以上: readable by
// eligibility rules, never written by a transition). Same query key as the registry pages: read
// once per session, the kinds change only with a migration.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { fetchResidentTagKinds } from "@/data/residents";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";

export interface TagKindOption {
  value: string;
  label: string;
  derived: boolean;
}

export function useTagKinds(): { kinds: TagKindOption[]; failed: boolean; labelOf(key: string): string } {
  const english = useFieldLanguage() === "en";
  const query = useQuery({ queryKey: ["cgs", "resident-tag-kinds"], queryFn: fetchResidentTagKinds, staleTime: Infinity });
  const rows = query.data;
  return useMemo(() => {
    const kinds = (rows ?? []).map((row) => ({ value: row.key, label: english ? row.label_en : row.label_zh, derived: row.min_age !== null }));
    return { kinds, failed: query.isError, labelOf: (key: string) => kinds.find((kind) => kind.value === key)?.label ?? key };
  }, [rows, english, query.isError]);
}

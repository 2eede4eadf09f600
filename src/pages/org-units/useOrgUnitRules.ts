// The form rules of the org-tree dialogs, in the reader's language: the same checks the RPCs
// make (contract/orgUnitCodes for the code, orgUnitNameProblem for the name), so a mistake shows
// while typing instead of after a round trip.
import { useCallback } from "react";
import { fillMessage, orgUnitCodeIssue, orgUnitCodeIssues, type ChildOrgUnitLevel } from "@/contract";
import { useLocale, useT } from "@/i18n";
import { orgUnitNameProblem } from "./orgUnitEditRights";
import type { OrgUnitIndex } from "./orgUnitIndex";

export function useOrgUnitRules(index: OrgUnitIndex, codes: ReadonlySet<string>) {
  const t = useT();
  const locale = useLocale();

  const codeRule = useCallback(
    (code: string, level: ChildOrgUnitLevel, parentCode: string): string | true => {
      const problem = orgUnitCodeIssue(code.trim(), level, parentCode, codes);
      return problem ? fillMessage(orgUnitCodeIssues[problem.issue][locale === "en" ? "en" : "zh"], problem.params) : true;
    },
    [codes, locale],
  );

  const nameRule = useCallback(
    (name: string, parentId: string, selfId?: string): string | true => {
      const problem = orgUnitNameProblem(name, parentId, index, selfId);
      return problem ? t(problem) : true;
    },
    [index, t],
  );

  return { codeRule, nameRule };
}

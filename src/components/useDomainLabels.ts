import { useCallback } from "react";
import { isPresetRole, type OrgUnitLevel } from "@/contract";
import { useLocale, useT } from "@/i18n";

/** A role as a membership, invitation or role row names it (data/myContext's MyMembership has these). */
type NamedRole = { role_key: string; role_name?: string | null; role_name_en?: string | null };

/** Labels for roles and org-unit levels in the current locale. */
export function useDomainLabels() {
  const t = useT();
  const locale = useLocale();

  // The database's own names win (a community may rename or add roles); the dictionary covers
  // the preset keys when a name is missing.
  const roleLabel = useCallback(
    (membership: NamedRole) => {
      const fromDb = locale === "zh-CN" ? membership.role_name : (membership.role_name_en ?? membership.role_name);
      if (fromDb) return fromDb;
      return isPresetRole(membership.role_key) ? t(`roles.${membership.role_key}`) : membership.role_key;
    },
    [locale, t],
  );

  const levelLabel = useCallback((level: OrgUnitLevel) => t(`org_units.levels.${level}`), [t]);

  return { roleLabel, levelLabel };
}

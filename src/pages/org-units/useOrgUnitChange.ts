// One way every org-tree edit ends: a toast that names the unit, the tree read again, the
// changed unit selected; or a toast with the database's reason in the reader's language.
import { useInvalidate, useNotification } from "@refinedev/core";
import { useCallback, useState } from "react";
import type { EditedOrgUnit } from "@/data/orgUnitAdmin";
import { useLocale, useT, type TranslationKey } from "@/i18n";
import { toHttpError } from "@/lib/supabase/errors";

/** The RPCs' hints read "中文 / English": the half in the reader's language. */
export function hintInLocale(hint: string, locale: string): string {
  const [zh, en] = hint.split(" / ");
  return locale === "en" && en ? en : zh;
}

export function useOrgUnitChange(onDone: (unit: EditedOrgUnit | null) => void) {
  const t = useT();
  const locale = useLocale();
  const invalidate = useInvalidate();
  const notification = useNotification();
  const [saving, setSaving] = useState(false);

  const run = useCallback(
    async (change: () => Promise<EditedOrgUnit>, successKey: TranslationKey, options: { keepSelection?: boolean } = {}): Promise<boolean> => {
      setSaving(true);
      try {
        const unit = await change();
        notification.open?.({ type: "success", message: t(successKey, { name: unit.name }), key: "org-unit-edit" });
        await invalidate({ resource: "org_units", invalidates: ["list"] });
        onDone(options.keepSelection ? null : unit);
        return true;
      } catch (e) {
        const error = toHttpError(e);
        const message = error.hint ? hintInLocale(error.hint, locale) : error.message;
        notification.open?.({ type: "error", message, key: "org-unit-edit" });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [invalidate, locale, notification, onDone, t],
  );

  return { run, saving };
}

// Runs one membership-administration RPC: a success toast, the localised refusal otherwise,
// and fresh lists afterwards (whatever happened, the table should show the database's truth).
import { useInvalidate, useNotification } from "@refinedev/core";
import { useCallback, useState } from "react";
import { localizeError, useT, type TranslationKey } from "@/i18n";
import { toHttpError } from "@/lib/supabase/errors";

export function useAccessAction(resources: readonly string[]) {
  const t = useT();
  const { open } = useNotification();
  const invalidate = useInvalidate();
  const [pendingKey, setPendingKey] = useState<string | null>(null);

  const run = useCallback(
    async (key: string, action: () => Promise<unknown>, successKey: TranslationKey) => {
      setPendingKey(key);
      try {
        await action();
        open?.({ type: "success", message: t(successKey), key: `access-${key}` });
      } catch (e) {
        const error = localizeError(toHttpError(e));
        open?.({ type: "error", message: error.message, key: `access-${key}` });
      } finally {
        setPendingKey(null);
        await Promise.all(resources.map((resource) => invalidate({ resource, invalidates: ["list", "many"] })));
      }
    },
    [open, t, invalidate, resources],
  );

  return { run, pendingKey };
}

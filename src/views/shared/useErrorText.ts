import { useCallback } from "react";
import { useT } from "@/i18n";
import { toHttpError } from "@/lib/supabase/errors";

/**
 * Any thrown value → the sentence to show, in the current language. Known codes use the
 * dictionary; unknown ones keep the server's text (a trigger's message is written for users).
 */
export function useErrorText(): (error: unknown) => string {
  const t = useT();
  return useCallback(
    (error: unknown) => {
      const httpError = toHttpError(error);
      return httpError.i18nKey === "errors.unknown" ? (httpError.hint ?? httpError.message) : t(httpError.i18nKey);
    },
    [t],
  );
}

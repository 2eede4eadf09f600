import type { AppHttpError } from "@/lib/supabase/errors";
import { translate } from "./locale";
import type { TranslationKey } from "./messages";

/**
 * Replaces a known error's message with its translation in the current locale, so Refine's
 * notifications speak the user's language. Unknown errors keep the server's message (a trigger's
 * `raise exception` text is written for users), and `name` becomes the notification title.
 */
export function localizeError(error: AppHttpError, titleKey: TranslationKey = "errors.unknown"): AppHttpError {
  const message = error.i18nKey === "errors.unknown" ? error.message : translate(error.i18nKey);
  return { ...error, name: translate(titleKey), message, serverMessage: error.message };
}

import type { DataProvider } from "@refinedev/core";
import { dataProvider as supabaseDataProvider } from "@refinedev/supabase";
import { supabase } from "@/data/client";
import { withRecordUpdates } from "@/data/recordUpdates";
import { toHttpError } from "@/lib/supabase/errors";
import { localizeError } from "@/i18n";

type Method = keyof DataProvider;

/**
 * @refinedev/supabase over our single client, records' updates through update_record
 * (data/recordUpdates), and every rejection normalised by toHttpError:
 * its own handler turns PostgREST codes into `statusCode: NaN`, which would hide 401s from
 * authProvider.onError and the code from everyone else.
 */
function withNormalisedErrors(base: Required<DataProvider>): Required<DataProvider> {
  const wrapped = { ...base };
  for (const method of Object.keys(base) as Method[]) {
    const original = base[method];
    // getApiUrl is synchronous and cannot fail: leave it as it is.
    if (method === "getApiUrl" || typeof original !== "function") continue;
    Object.assign(wrapped, {
      [method]: async (...args: unknown[]) => {
        try {
          return await (original as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (e) {
          throw localizeError(toHttpError(e));
        }
      },
    });
  }
  return wrapped;
}

export const dataProvider = withNormalisedErrors(withRecordUpdates(supabaseDataProvider(supabase)));

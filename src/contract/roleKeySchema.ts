import { z } from "zod";
import { msg } from "./definitionMessages";

// Apart from roles.ts: the app shell reads roles.ts (accessControlProvider) and must not
// download zod with it (first-load budget, scripts/check-bundle.ts).
/** Same pattern as the database's grants and definition checks (20261126040300_make_service_grants_editable.sql). */
export const roleKeySchema = z.string().regex(/^[a-z][a-z0-9_]*$/, msg("role_key_format"));

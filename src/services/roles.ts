import { z } from "zod";
import { permissionActions, roleKeySchema } from "@/contract";

/** A definition's `permissions`: role key → the actions it grants on the service's records. */
export const permissionsSchema = z.record(roleKeySchema, z.array(z.enum(permissionActions)));

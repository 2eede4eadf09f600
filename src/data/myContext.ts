// The signed-in user's context from RPC `my_context()`: who they are, where, and in which roles.
// Validated here because it is the one place this JSON enters the app.
import { z } from "zod";
import { isPresetRole, orgUnitLevels, type PresetRole } from "@/contract";
import { callRpc } from "./rpc";

const membershipSchema = z.object({
  org_unit_id: z.string(),
  org_unit_name: z.string(),
  org_unit_level: z.enum(orgUnitLevels),
  org_unit_code: z.string().nullable().optional(),
  /** The unit named from its street down ("大十字街道营盘坡社区第一网格"): unambiguous in headers. */
  org_unit_full_name: z.string().nullable().optional(),
  // A role added in the database before the UI knows it must not break sign-in: keep it a string
  // here; access checks compare against known keys.
  role_key: z.string(),
  role_name: z.string().nullable().optional(),
  role_name_en: z.string().nullable().optional(),
});

const myContextSchema = z.object({
  user_id: z.string(),
  display_name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  demo: z.boolean().optional().default(false),
  memberships: z
    .array(membershipSchema)
    .nullable()
    .optional()
    .transform((list) => list ?? []),
});

export type MyMembership = z.infer<typeof membershipSchema>;
export type MyContext = z.infer<typeof myContextSchema>;

/** The context plus Refine's conventional identity fields (`id`, `name`) and the known role keys. */
export type Identity = MyContext & {
  id: string;
  name: string;
  /** Distinct known role keys across the user's memberships. */
  roles: PresetRole[];
};

function toIdentity(context: MyContext): Identity {
  const roles = [...new Set(context.memberships.map((m) => m.role_key))].filter(isPresetRole);
  const name = context.display_name || context.email || context.phone || "";
  return { ...context, id: context.user_id, name, roles };
}

export async function fetchIdentity(): Promise<Identity> {
  const data = await callRpc("my_context", {});
  const parsed = myContextSchema.safeParse(data);
  if (!parsed.success) {
    throw new Error(`my_context() returned an unexpected shape: ${parsed.error.message}`);
  }
  return toIdentity(parsed.data);
}

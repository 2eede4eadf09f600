import type { z } from "zod";

/**
 * Type options sit flat on a field next to the common keys. To check them with the type's
 * strict configSchema, take the common keys away first; what remains must be known options.
 */
export function splitTypeOptions(entry: Readonly<Record<string, unknown>>, commonKeys: readonly string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (!commonKeys.includes(key)) options[key] = value;
  }
  return options;
}

export function parseTypeOptions(configSchema: z.ZodObject, entry: Readonly<Record<string, unknown>>, commonKeys: readonly string[]) {
  // reportInput lets the translator tell a missing option ("required") from a wrong one
  return configSchema.safeParse(splitTypeOptions(entry, commonKeys), { reportInput: true });
}

/**
 * Re-raises the option issues on the enclosing field, keeping their codes and paths
 * (so `fields[3].options` is reported, not a vague "invalid field"). Only invalid_type keeps
 * its input: it tells a missing option apart from a wrong one.
 */
export function forwardIssues(ctx: z.RefinementCtx, issues: readonly z.core.$ZodIssue[]): void {
  for (const issue of issues) {
    if (issue.code === "invalid_type") ctx.addIssue({ ...issue, input: issue.input });
    else ctx.addIssue({ ...issue, input: undefined });
  }
}

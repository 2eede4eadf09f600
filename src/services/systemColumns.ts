/**
 * Columns of `records` itself (not in `data`) that lists may show, sort and filter.
 * Field keys may not reuse these names, so a list column name is never ambiguous.
 */
export const systemColumns = ["status", "org_unit_id", "assignee", "due_at", "created_at", "updated_at"] as const;
export type SystemColumn = (typeof systemColumns)[number];

export function isSystemColumn(name: string): name is SystemColumn {
  return (systemColumns as readonly string[]).includes(name);
}

import { z } from "zod";
import { keySchema, labelSchema } from "./keySchema";

/** Columns, sort and filters name fields or system columns (see systemColumns.ts). */
export const listSchema = z.strictObject({
  columns: z.array(z.string().min(1)).min(1),
  defaultSort: z.strictObject({ field: z.string().min(1), order: z.enum(["asc", "desc"]) }).default({ field: "created_at", order: "desc" }),
  filterable: z.array(z.string().min(1)).default([]),
  searchable: z.array(z.string().min(1)).default([]),
  pageSize: z.int().min(5).max(100).default(20),
});

export const widgetKinds = ["metric", "bar", "pie", "line", "table"] as const;
export const widgetMetrics = ["count", "overdue", "avg_duration"] as const;
/** Built-in groupings; any field key is also allowed. */
export const builtInGroupings = ["status", "org_unit", "created_month"] as const;

export const widgetSchema = z.strictObject({
  key: keySchema,
  title: labelSchema,
  title_en: z.string().optional(),
  kind: z.enum(widgetKinds),
  metric: z.enum(widgetMetrics),
  groupBy: z.string().min(1).optional(),
});

export const dashboardSchema = z.strictObject({
  widgets: z.array(widgetSchema).default([]),
});

export type ListSettings = z.infer<typeof listSchema>;
export type DashboardWidget = z.infer<typeof widgetSchema>;

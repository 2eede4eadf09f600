// The 看板 page's arithmetic, free of React: the draft's widgets added, moved, removed and
// re-kinded so they stay valid (a metric has no grouping, a chart needs one), the groupings a
// widget may use, and a bucket of service_widget_data in words.
import type { Language } from "@/contract";
import { builtInGroupings, type widgetKinds } from "@/services/viewSchemas";
import type { DraftDefinition } from "../designerDoc";

export type DraftWidget = NonNullable<NonNullable<DraftDefinition["dashboard"]>["widgets"]>[number];
export type WidgetKind = (typeof widgetKinds)[number];

/** Field types whose answers make sensible groups: few distinct values, none free text. */
const groupableTypes: ReadonlySet<string> = new Set(["select", "multiselect", "boolean", "org_unit"]);

export function widgetsOf(definition: DraftDefinition): DraftWidget[] {
  return definition.dashboard?.widgets ?? [];
}

export function withWidgets(definition: DraftDefinition, widgets: DraftWidget[]): DraftDefinition {
  return { ...definition, dashboard: { ...definition.dashboard, widgets } };
}

/** A bar chart of records by status under a free key (widget_1, widget_2 …). */
export function newWidget(existing: readonly DraftWidget[], title: string): DraftWidget {
  const taken = new Set(existing.map((w) => w.key));
  let n = existing.length + 1;
  while (taken.has(`widget_${n}`)) n += 1;
  return { key: `widget_${n}`, title, kind: "bar", metric: "count", groupBy: "status" };
}

/** Swaps a widget with its neighbour (delta −1 up, +1 down); out of range changes nothing. */
export function moveWidget(widgets: readonly DraftWidget[], index: number, delta: -1 | 1): DraftWidget[] {
  const target = index + delta;
  if (index < 0 || index >= widgets.length || target < 0 || target >= widgets.length) return [...widgets];
  const next = [...widgets];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

/** A metric shows one figure (no grouping); bar, pie and line need one (status unless set). */
export function withKind(widget: DraftWidget, kind: WidgetKind): DraftWidget {
  if (kind === "metric") {
    const { groupBy: _dropped, ...rest } = widget;
    return { ...rest, kind };
  }
  if (kind === "table") return { ...widget, kind };
  return { ...widget, kind, groupBy: widget.groupBy ?? "status" };
}

export type GroupableField = { key: string; label: string };

/** Fields of the form a chart may group by: choice, yes/no and unit fields that are not sensitive. */
export function groupableFields(definition: DraftDefinition, language: Language): GroupableField[] {
  return (definition.fields ?? []).flatMap((field) =>
    groupableTypes.has(field.type) && field.sensitive !== true && typeof field.key === "string" && field.key !== ""
      ? [{ key: field.key, label: (language === "en" && field.label_en) || field.label || field.key }]
      : [],
  );
}

export function isBuiltInGrouping(groupBy: string | undefined): boolean {
  return groupBy !== undefined && (builtInGroupings as readonly string[]).includes(groupBy);
}

type LabelledText = { label?: unknown; label_en?: unknown };
const textIn = (item: LabelledText, language: Language, fallback: string): string => {
  const en = typeof item.label_en === "string" && item.label_en !== "" ? item.label_en : undefined;
  const zh = typeof item.label === "string" && item.label !== "" ? item.label : undefined;
  return (language === "en" ? (en ?? zh) : zh) ?? fallback;
};

export type BucketWords = { overall: string; unanswered: string; yes: string; no: string };

/**
 * A bucket as a reader says it: a state's name for status, an option's label for a choice, 是/否,
 * and "未填写" for no answer. Units and months arrive already readable from the database.
 */
export function bucketLabel(bucket: string | null, groupBy: string | undefined, definition: DraftDefinition, language: Language, words: BucketWords): string {
  if (groupBy === undefined) return words.overall;
  if (bucket === null) return words.unanswered;
  if (groupBy === "status") {
    const state = (definition.workflow?.states ?? []).find((s) => s.key === bucket);
    return state ? textIn(state, language, bucket) : bucket;
  }
  if (isBuiltInGrouping(groupBy)) return bucket;
  const field = (definition.fields ?? []).find((f) => f.key === groupBy);
  if (field?.type === "boolean") return bucket === "true" ? words.yes : bucket === "false" ? words.no : bucket;
  const options: unknown = field?.options;
  if (Array.isArray(options)) {
    const option = options.find(
      (o): o is LabelledText & { value: unknown } => typeof o === "object" && o !== null && (o as { value?: unknown }).value === bucket,
    );
    if (option) return textIn(option, language, bucket);
  }
  return bucket;
}

/** Buckets a draft's chart would have, for the sample shown before the first publish. */
export function sampleBuckets(
  groupBy: string | undefined,
  definition: DraftDefinition,
  language: Language,
  words: BucketWords & { sample: (n: number) => string },
): string[] {
  if (groupBy === undefined) return [words.overall];
  if (groupBy === "status") {
    const states = (definition.workflow?.states ?? []).map((s) => textIn(s, language, s.key));
    if (states.length > 0) return states;
  }
  const field = (definition.fields ?? []).find((f) => f.key === groupBy);
  if (field?.type === "boolean") return [words.yes, words.no];
  const options: unknown = field?.options;
  if (Array.isArray(options) && options.length > 0) {
    return options.flatMap((o: unknown) =>
      typeof o === "object" && o !== null ? [textIn(o as LabelledText, language, String((o as { value?: unknown }).value ?? ""))] : [],
    );
  }
  return [1, 2, 3].map(words.sample);
}

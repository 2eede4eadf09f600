// The list's state (filters and sorters on field keys, as kept in the URL) → what the Supabase
// data provider sends to PostgREST. Service fields live in `records.data`: text comparisons use
// `data->>key` (text), numeric ranges and ordering use `data->key` (jsonb compares numbers as
// numbers); system columns are real columns and are used directly. A field the service indexes
// (services.indexed_fields: a typed copy in a records column such as idx_text_2) is compared and
// sorted on that column instead, which a btree index serves under RLS (`data` gets no index help
// there: JSON operators are not leakproof).
import type { CrudFilter, CrudSort, LogicalFilter } from "@refinedev/core";
import dayjs from "dayjs";
import type { ServiceDefinition } from "@/services/schema";
import { isSystemColumn } from "@/services/systemColumns";
import { filterableColumn, type FilterableColumn } from "./filterFields";
import { unitPathEmbed } from "./recordListScope";

/** Field key → the records column holding a typed copy of its answers (services.indexed_fields). */
export type IndexedFields = Readonly<Record<string, string>>;

/** The keyword box's filter; not a possible field key (keys start with a letter). */
export const keywordField = "_keyword";

/**
 * 我发起的 / 我经办的: `_mine` = `created` (records the user created) or `handled` (every record
 * they took part in — filed, were assigned or acted on: record_participants). Participants keep
 * reading a record after it left their scope, so these views also show what went up the tree
 * ("办到哪了？" for the grid worker who filed it).
 */
export const mineField = "_mine";
export const mineViews = ["created", "handled"] as const;
export type MineView = (typeof mineViews)[number];

/** The embedded participants a `handled` filter needs in the select (an inner join, one row per record). */
const participantsEmbed = "record_participants!inner(kind)";

function mineFilters(view: unknown, me: string | undefined): CrudFilter[] {
  if (!me) return [];
  if (view === "created") return [{ field: "created_by", operator: "eq", value: me }];
  if (view === "handled")
    return [
      { field: "record_participants.user_id", operator: "eq", value: me },
      { field: "record_participants.kind", operator: "in", value: ["creator", "assignee", "actor"] },
    ];
  return [];
}

/** The select for these provider filters: the base columns, plus the participants' / unit's embed when filtered on. */
export function selectFor(base: string, providerFilters: readonly CrudFilter[]): string {
  const on = (prefix: string) => providerFilters.some((f) => "field" in f && f.field.startsWith(prefix));
  return [base, ...(on("record_participants.") ? [participantsEmbed] : []), ...(on("org_units.") ? [unitPathEmbed] : [])].join(",");
}

const systemLabel = (column: string) => column;

/** A literal for LIKE: %, _ and \ match only themselves. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Inside PostgREST's double-quoted values (or=(…)) a backslash escapes the next character. */
export function quotedValue(text: string): string {
  return text.replace(/[\\"]/g, (c) => `\\${c}`);
}

function textPath(name: string, indexed: IndexedFields): string {
  return isSystemColumn(name) ? name : (indexed[name] ?? `data->>${name}`);
}

/** Where a number compares as a number: its typed copy, else `data->key` (jsonb orders numbers numerically). */
function numberPath(name: string, indexed: IndexedFields): string {
  return isSystemColumn(name) ? name : (indexed[name] ?? `data->${name}`);
}

/** URL values arrive as strings; the field type reads them as answers (numbers, booleans, text). */
function answerOf(column: FilterableColumn, value: unknown): unknown {
  const text = typeof value === "number" || typeof value === "boolean" ? String(value) : value;
  return typeof text === "string" && text !== "" ? column.type.fromText(column.field, text) : undefined;
}

/**
 * Where and as what to compare: a number in `data->key` (jsonb compares numbers as numbers),
 * anything else as text in `data->>key` (booleans as "true"/"false"); system columns directly.
 */
function comparison(column: FilterableColumn, value: unknown, indexed: IndexedFields): { path: string; value: unknown } {
  const answer = answerOf(column, value);
  if (answer === undefined || answer === null) return { path: textPath(column.name, indexed), value: undefined };
  if (typeof answer === "number") return { path: numberPath(column.name, indexed), value: answer };
  return { path: textPath(column.name, indexed), value: String(answer) };
}

/** A calendar day in the browser's zone, as the instant it starts or ends. */
function dayBound(value: unknown, end: boolean): string | undefined {
  if (typeof value !== "string" || !dayjs(value).isValid()) return undefined;
  const day = dayjs(value);
  return (end ? day.endOf("day") : day.startOf("day")).toISOString();
}

function rangeFilters(path: string, from: unknown, to: unknown): LogicalFilter[] {
  return [
    ...(from !== undefined ? [{ field: path, operator: "gte" as const, value: from }] : []),
    ...(to !== undefined ? [{ field: path, operator: "lte" as const, value: to }] : []),
  ];
}

function translate(column: FilterableColumn, filter: LogicalFilter, indexed: IndexedFields): CrudFilter[] {
  const { operator, value } = filter;
  const textPathOf = (name: string) => textPath(name, indexed);
  if (operator === "null" || operator === "nnull") return [{ field: textPathOf(column.name), operator, value: null }];
  const pair = Array.isArray(value) ? value : [value, value];
  if (column.timestamp) {
    if (operator === "gte") return rangeFilters(column.name, dayBound(value, false), undefined);
    if (operator === "lte") return rangeFilters(column.name, undefined, dayBound(value, true));
    if (operator === "between" || operator === "eq") return rangeFilters(column.name, dayBound(pair[0], false), dayBound(pair[1], true));
    return [];
  }
  if (operator === "contains") {
    const text = typeof value === "string" ? value.trim() : "";
    return text ? [{ field: textPathOf(column.name), operator: "contains", value: likeLiteral(text) }] : [];
  }
  if (operator === "in") {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string" && v !== "");
    if (values.length === 0) return [];
    if (!column.type.multiple) return [{ field: textPathOf(column.name), operator: "in", value: values }];
    // "has any of": the array's JSON text contains "value" with its quotes
    const anyOf = values.map((v) => ({ field: textPathOf(column.name), operator: "contains" as const, value: quotedValue(`"${likeLiteral(v)}"`) }));
    return [{ operator: "or", value: anyOf }];
  }
  if (operator === "between") {
    const [from, to] = [comparison(column, pair[0], indexed), comparison(column, pair[1], indexed)];
    return rangeFilters(from.value !== undefined ? from.path : to.path, from.value, to.value);
  }
  if (operator === "eq" || operator === "ne" || operator === "gte" || operator === "lte") {
    const compared = comparison(column, value, indexed);
    return compared.value === undefined ? [] : [{ field: compared.path, operator, value: compared.value }];
  }
  return [];
}

/** The keyword searches every `searchable` field (all text-like, see crossCheckViews). */
export function keywordFilter(definition: ServiceDefinition, keyword: unknown): CrudFilter[] {
  const text = typeof keyword === "string" ? keyword.trim() : "";
  if (text === "" || definition.list.searchable.length === 0) return [];
  const value = quotedValue(likeLiteral(text));
  return [{ operator: "or", value: definition.list.searchable.map((key) => ({ field: `data->>${key}`, operator: "contains", value })) }];
}

/**
 * Filters from the URL → provider filters. Anything that does not name a filterable column with
 * one of its operators is dropped: a hand-edited URL narrows nothing rather than failing.
 * `me` (the signed-in user's id) serves 我发起的 / 我经办的; `indexed` is the service's indexed_fields.
 */
export function toRecordFilters(definition: ServiceDefinition, filters: readonly CrudFilter[], me?: string, indexed: IndexedFields = {}): CrudFilter[] {
  return filters.flatMap((filter) => {
    if (!("field" in filter)) return [];
    if (filter.field === keywordField) return keywordFilter(definition, filter.value);
    if (filter.field === mineField) return mineFilters(filter.value, me);
    if (!definition.list.filterable.includes(filter.field)) return [];
    const column = filterableColumn(definition, filter.field, systemLabel);
    if (!column || !(column.operators as readonly string[]).includes(filter.operator)) return [];
    return translate(column, filter, indexed);
  });
}

/**
 * Sorters on field keys → the field's indexed column, else `data->key` (jsonb order: numbers
 * numerically); unknown names dropped. Then the tiebreak in the first sorter's direction: equal
 * sort keys must not shuffle rows between pages. Sorted on an indexed column, ties go by unit,
 * then id — the order of that column's index (service, column, unit, id), so the page is read
 * from it in order; otherwise by id.
 */
export function toRecordSorters(definition: ServiceDefinition, sorters: readonly CrudSort[], indexed: IndexedFields = {}): CrudSort[] {
  const translated = sorters.flatMap((sorter): CrudSort[] => {
    if (isSystemColumn(sorter.field)) return [sorter];
    const field = definition.fields.find((f) => f.key === sorter.field);
    return field ? [{ field: indexed[field.key] ?? `data->${field.key}`, order: sorter.order }] : [];
  });
  const [first] = translated;
  const order = first?.order ?? "asc";
  const byIndexedColumn = first !== undefined && Object.values(indexed).includes(first.field);
  return [...translated, ...(byIndexedColumn ? [{ field: "org_unit_id", order }] : []), { field: "id", order }];
}

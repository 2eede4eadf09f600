import type { FieldTypeCatalog } from "@/contract";
import type { ServiceDefinition } from "./definitionSchema";
import { definitionError, type DefinitionError } from "./definitionErrors";
import { isSystemColumn } from "./systemColumns";
import { builtInGroupings } from "./viewSchemas";

/**
 * List columns, sorts, filters and dashboard groupings must name something that exists; free-text
 * search (ilike on a string) only fields whose type says it makes sense.
 */
export function checkViews({ fields, list, dashboard }: ServiceDefinition, fieldTypes: FieldTypeCatalog): DefinitionError[] {
  const typeOf = new Map(fields.map((field) => [field.key, field.type]));
  const known = (name: string) => typeOf.has(name) || isSystemColumn(name);
  const errors: DefinitionError[] = [];
  const columnsExist = (names: readonly string[], part: string) =>
    names.forEach((column, index) => {
      if (!known(column)) errors.push(definitionError("unknown_column", ["list", part, index], { column }));
    });
  columnsExist(list.columns, "columns");
  columnsExist(list.filterable, "filterable");
  if (!known(list.defaultSort.field)) {
    errors.push(definitionError("unknown_column", ["list", "defaultSort", "field"], { column: list.defaultSort.field }));
  }
  list.searchable.forEach((name, index) => {
    const type = typeOf.get(name);
    if (type === undefined) errors.push(definitionError("unknown_column", ["list", "searchable", index], { column: name }));
    else if (!fieldTypes[type].searchable) errors.push(definitionError("not_searchable", ["list", "searchable", index], { field: name }));
  });

  const seen = new Set<string>();
  dashboard.widgets.forEach((widget, index) => {
    const at = (name: string) => ["dashboard", "widgets", index, name];
    if (seen.has(widget.key)) errors.push(definitionError("duplicate_key", at("key"), { key: widget.key }));
    seen.add(widget.key);
    const { groupBy } = widget;
    if (widget.kind === "metric" && groupBy !== undefined) errors.push(definitionError("group_by_forbidden", at("groupBy")));
    if (["bar", "pie", "line"].includes(widget.kind) && groupBy === undefined) errors.push(definitionError("group_by_required", at("groupBy")));
    if (groupBy !== undefined && !(builtInGroupings as readonly string[]).includes(groupBy) && !typeOf.has(groupBy)) {
      errors.push(definitionError("unknown_group_by", at("groupBy"), { groupBy }));
    }
  });
  return errors;
}

import type { FieldCellProps, FieldInputProps, FieldType } from "../types";
import { subTableDefinitionFor, type ColumnTypes, type SubTableField } from "./definition";
import { lazyComponent } from "../shared/lazyComponent";
import { emptyCellText } from "../shared/labels";
import { validateSubTable } from "./validate";

export { subTableColumnTypes, type ColumnTypes, type SubTableColumn, type SubTableField } from "./definition";

/**
 * The sub_table type, built by registry.ts with the column types it may hold. Validation,
 * input and cell reach a column's type through `columnTypes`, never through the registry.
 */
// Lazy: both draw an antd Table, which the signed-in frame should not download (shared/lazyComponent).
const SubTableInput = lazyComponent(() => import("./Input").then((m) => m.SubTableInput));
const SubTableCell = lazyComponent(() => import("./Cell").then((m) => m.SubTableCell));

export function subTableType(columnTypes: ColumnTypes) {
  const definition = subTableDefinitionFor(columnTypes);
  // built once, when the registry is: stable components, so React keeps row inputs mounted
  function SubTableWithColumnsInput(props: FieldInputProps<SubTableField>) {
    return <SubTableInput {...props} columnTypes={columnTypes} />;
  }
  function SubTableWithColumnsCell(props: FieldCellProps<SubTableField>) {
    // an empty answer needs no table: shown at once, without loading the cell's chunk
    if (!Array.isArray(props.value) || props.value.length === 0) return <>{emptyCellText}</>;
    return <SubTableCell {...props} columnTypes={columnTypes} />;
  }
  return {
    ...definition,
    validate: (field, value, context) => validateSubTable(columnTypes, field, value, context),
    Input: SubTableWithColumnsInput,
    Cell: SubTableWithColumnsCell,
  } satisfies FieldType<typeof definition.configSchema>;
}

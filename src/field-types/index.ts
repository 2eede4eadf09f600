/**
 * The public face of the field types: everything outside src/field-types imports from here,
 * never from a type's folder. Views ask a type (getFieldType) what to do; they do not switch
 * on type names or storage kinds.
 */
export { fieldTypes, fieldTypeKeys, type FieldTypeKey } from "./registry";
export { getFieldType, isFieldTypeKey } from "./getFieldType";
export { UnknownFieldTypeError } from "./unknownFieldTypeError";
export { filterOperatorNames, operatorSets, type FilterOperator } from "./operators";
export { emptyCellText, fieldLabel } from "./shared/labels";
export { choiceLabel, toSelectOptions, type ChoiceOption } from "./shared/choiceOptions";
export { isStoredFileList } from "./shared/files";
export { maskAnswerText, maskGeneric, maskIdNumber, maskPhone } from "./mask";
export { subTableColumnTypes } from "./sub_table";
export { residentQuery, type ResidentQuery } from "./resident/residentQuery";
export type {
  CellText,
  FieldCellProps,
  FieldInputProps,
  FieldLoaders,
  FieldLookups,
  FieldType,
  FieldTypeDefinition,
  LookupKind,
  MaskKind,
  NewResidentInput,
  OrgUnitOption,
  ResidentCreateOutcome,
  ResidentGrids,
  ResidentOption,
  StoredFile,
  TextContext,
  UserOption,
} from "./types";

/**
 * The contract: codes, messages, keys and role keys that services/, field-types/ and the views
 * share, and the shapes they hand each other. A leaf: it imports nothing of ours, so anything
 * may import it (DESIGN.md §3).
 */
export { definitionMessages, isDefinitionMessageKey, msg, type DefinitionMessageKey } from "./definitionMessages";
export { isEmptyValue } from "./emptyAnswer";
export { fieldIssueMessage, type FieldIssue } from "./fieldIssue";
export type { FieldLike, FieldTypeCatalog, FieldTypeRules, ValidationContext } from "./fieldTypeRules";
export { forwardIssues, parseTypeOptions, splitTypeOptions } from "./typeOptions";
export { fillMessage, pickText, renderMessage, type Bilingual, type Language, type MessageParams, type RenderedMessage } from "./messages";
export { isOrgUnitLevel, orgUnitLevels, type OrgUnitLevel } from "./orgUnits";
export {
  isChildOrgUnitLevel,
  nextFreeOrgUnitCode,
  orgUnitCodeIssue,
  orgUnitCodeIssues,
  orgUnitCodeShape,
  type ChildOrgUnitLevel,
  type OrgUnitCodeIssue,
  type OrgUnitCodeProblem,
} from "./orgUnitCodes";
export { actionsNeedingRead, isPresetRole, needsRead, permissionActions, presetRoles, type PermissionAction, type PresetRole } from "./roles";
export type { DuplicateCheck } from "./duplicateCheck";
export { fitsResidentAttribute, residentAttributes, residentAttributeTypes, type ResidentAttribute } from "./residentAttributes";
export { derivedResidentTags, isDerivedResidentTag } from "./residentTags";
export { roleKeySchema } from "./roleKeySchema";
export { isValidationCode, validationCodes, validationMessage, type ValidationCode } from "./validationCodes";
export { transitionErrorCodes, type TransitionErrorCode } from "./workflowCodes";

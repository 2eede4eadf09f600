/**
 * The contract: codes, messages, keys and role keys that services/, field-types/ and the views
 * share, and the shapes they hand each other. A leaf: it imports nothing of ours, so anything
 * may import it (DESIGN.md §3).
 */
export { definitionMessages, isDefinitionMessageKey, msg, type DefinitionMessageKey } from './definition-messages';
export { isEmptyValue } from './empty-answer';
export { fieldIssueMessage, type FieldIssue } from './field-issue';
export type { FieldLike, FieldTypeCatalog, FieldTypeRules, ValidationContext } from './field-type-rules';
export { forwardIssues, parseTypeOptions, splitTypeOptions } from './type-options';
export { fillMessage, pickText, renderMessage, type Bilingual, type Language, type MessageParams, type RenderedMessage } from './messages';
export { isOrgUnitLevel, orgUnitLevels, type OrgUnitLevel } from './org-units';
export { isPresetRole, permissionActions, presetRoles, roleKeySchema, type PermissionAction, type PresetRole } from './roles';
export { isValidationCode, validationCodes, validationMessage, type ValidationCode } from './validation-codes';
export { transitionErrorCodes, type TransitionErrorCode } from './workflow-codes';

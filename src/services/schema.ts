/**
 * The service-definition schema and its entry point. Import from here: the pieces live in
 * small files (fields, conditions, workflow, views), this is the public face.
 */
export { serviceDefinitionSchemaFor, type ServiceDefinition, type ServiceDefinitionInput } from "./definitionSchema";
export { parseServiceDefinition, type ParseResult } from "./parseServiceDefinition";
export type { DefinitionError } from "./definitionErrors";
export type { DefinitionWarning } from "./missingEnglish";
export type { FieldDefinition } from "./fieldSchema";
export type { Condition, ConditionOperator } from "./conditionSchema";
export type { DuplicatesRule, EligibilityCondition, EligibilityRule } from "./applicantSchema";
export { applicantFacts, eligibilityIssues, type ApplicantFacts } from "./eligibilityIssues";
export { duplicateNotice, type DuplicateNotice } from "./duplicateNotice";
export { duplicateAnswerKeys } from "./duplicateConditions";
export type { Workflow, WorkflowState, WorkflowTransition } from "./workflowSchema";
export type { DashboardWidget, ListSettings } from "./viewSchemas";
export { systemColumns, type SystemColumn } from "./systemColumns";

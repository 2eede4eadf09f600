/**
 * The service-definition schema and its entry point. Import from here: the pieces live in
 * small files (fields, conditions, workflow, views), this is the public face.
 */
export { serviceDefinitionSchemaFor, type ServiceDefinition, type ServiceDefinitionInput } from './definition-schema';
export { parseServiceDefinition, type ParseResult } from './parse-service-definition';
export type { DefinitionError } from './definition-errors';
export type { FieldDefinition } from './field-schema';
export type { Condition, ConditionOperator } from './condition-schema';
export type { Workflow, WorkflowState, WorkflowTransition } from './workflow-schema';
export type { DashboardWidget, ListSettings } from './view-schemas';
export { systemColumns, type SystemColumn } from './system-columns';

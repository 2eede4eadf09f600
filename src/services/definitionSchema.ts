import { z } from "zod";
import type { FieldTypeCatalog } from "@/contract";
import { fieldSchemaFor } from "./fieldSchema";
import { keySchema, labelSchema } from "./keySchema";
import { permissionsSchema } from "./roles";
import { duplicatesSchema, eligibilityRuleSchema } from "./applicantSchema";
import { ruleSchema } from "./ruleSchema";
import { dashboardSchema, listSchema } from "./viewSchemas";
import { workflowSchema } from "./workflowSchema";

/**
 * A governance service as data (DESIGN §4). Every definition — template, designer save,
 * database load — enters through parseServiceDefinition, which adds the cross-checks
 * (references between parts) that a structural schema cannot express. Field options are
 * checked by the field types handed in (the registry of src/field-types).
 */
export function serviceDefinitionSchemaFor(fieldTypes: FieldTypeCatalog) {
  return z.strictObject({
    key: keySchema,
    name: labelSchema,
    name_en: z.string().optional(),
    category: labelSchema,
    /** the menu group heading in English (services.category holds the Chinese) */
    category_en: z.string().optional(),
    /** an @ant-design/icons name */
    icon: z.string().min(1),
    description: labelSchema,
    description_en: z.string().optional(),
    /** why the service collects personal data at all (PIPL Art. 6 minimisation) */
    purpose: labelSchema,
    purpose_en: z.string().optional(),
    fields: z.array(fieldSchemaFor(fieldTypes)).min(1),
    /** cross-field rules: when C, require R, else message M */
    rules: z.array(ruleSchema).default([]),
    /** who may apply, read from the linked person in the registry (age, tags) */
    eligibility: z.array(eligibilityRuleSchema).optional(),
    /** another record for the same person: warn or refuse (open, or holding what is applied for) */
    duplicates: duplicatesSchema.optional(),
    list: listSchema,
    workflow: workflowSchema,
    permissions: permissionsSchema,
    dashboard: dashboardSchema.default({ widgets: [] }),
  });
}

type ServiceDefinitionSchema = ReturnType<typeof serviceDefinitionSchemaFor>;
export type ServiceDefinition = z.infer<ServiceDefinitionSchema>;
/** The JSON as written (defaults not yet applied), e.g. for the designer's draft. */
export type ServiceDefinitionInput = z.input<ServiceDefinitionSchema>;

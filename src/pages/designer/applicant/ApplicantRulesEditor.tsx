import { Alert, Divider, Space, Typography } from "antd";
import { useT } from "@/i18n";
import type { DefinitionError } from "@/services/schema";
import type { DraftDefinition } from "../designerDoc";
import { useTagKinds } from "../useTagKinds";
import { DuplicatesEditor, type DraftDuplicates } from "./DuplicatesEditor";
import { EligibilityEditor, type DraftEligibilityRule } from "./EligibilityEditor";

interface Props {
  definition: DraftDefinition;
  errors: readonly DefinitionError[];
  onEligibility(rules: DraftEligibilityRule[]): void;
  onDuplicates(duplicates: DraftDuplicates | undefined): void;
}

/** Whether the form links a record to a person of the registry (a `resident` field). */
export function linksPerson(definition: DraftDefinition): boolean {
  return definition.fields.some((field) => field.type === "resident");
}

/**
 * 申请人规则 (issue 12, items 5 and 6): eligibility[] and duplicates, both read from the person a
 * record is linked to, so they mean something only with a resident field; without one a hint
 * says to add it (rules already written stay editable, so a definition file's rules are seen).
 */
export function ApplicantRulesEditor({ definition, errors, onEligibility, onDuplicates }: Props) {
  const t = useT();
  const { kinds, failed } = useTagKinds();
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {!linksPerson(definition) && <Alert type="info" showIcon message={t("applicantRules.noResident")} />}
      {failed && <Alert type="warning" showIcon message={t("applicantRules.tagKindsFailed")} />}
      <Typography.Title level={5}>{t("applicantRules.eligibility.title")}</Typography.Title>
      <EligibilityEditor
        definition={definition}
        kinds={kinds}
        errors={errors}
        onChange={(rules) => (rules.length > 0 || definition.eligibility ? onEligibility(rules) : undefined)}
      />
      <Divider />
      <Typography.Title level={5}>{t("applicantRules.duplicates.title")}</Typography.Title>
      <DuplicatesEditor definition={definition} errors={errors} onChange={onDuplicates} />
    </Space>
  );
}

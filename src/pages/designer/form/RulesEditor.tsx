import type { RuleCondition } from "@/services/conditionSchema";
import type { DefinitionError } from "@/services/schema";
import type { DraftDefinition } from "../designerDoc";
import { LeafGroupEditor } from "./LeafGroupEditor";
import { RuleCards } from "./RuleCards";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

type DraftRule = NonNullable<DraftDefinition["rules"]>[number];

interface RulesEditorProps {
  definition: DraftDefinition;
  onChange(rules: DraftRule[]): void;
  errors: readonly DefinitionError[];
}

/** 提交规则: "当 … 时，必须 …，否则提示 …" as cards of pickers (rules[] of the language). */
export function RulesEditor({ definition, onChange, errors }: RulesEditorProps) {
  const { t } = useFormDesignerTexts();
  const fields = definition.fields;
  return (
    <RuleCards<DraftRule>
      path="rules"
      rules={definition.rules ?? []}
      fields={fields}
      errors={errors}
      onChange={onChange}
      texts={{
        hint: t("formDesigner.rules.hint"),
        empty: t("formDesigner.rules.empty"),
        rule: (n) => t("formDesigner.rules.rule", { n }),
        remove: t("formDesigner.rules.remove"),
        add: t("formDesigner.rules.add"),
        when: t("formDesigner.rules.when"),
        require: t("formDesigner.rules.require"),
        message: t("formDesigner.rules.message"),
        messageEn: t("formDesigner.rules.messageEn"),
        field: t("formDesigner.rules.field"),
        fieldAuto: t("formDesigner.rules.fieldAuto"),
      }}
      newRule={() =>
        fields[0] ? ({ require: { field: fields[0].key, op: "not_empty" }, message: t("formDesigner.rules.newMessage") } as DraftRule) : undefined
      }
      renderRequire={(rule, ruleName, update) => (
        <LeafGroupEditor
          name={`${ruleName} ${t("formDesigner.rules.require")}`}
          condition={rule.require as RuleCondition}
          fields={fields}
          onChange={(require) => (require ? update({ require } as Partial<DraftRule>) : undefined)}
        />
      )}
    />
  );
}

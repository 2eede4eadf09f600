import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Radio, Space } from "antd";
import type { RuleCondition } from "@/services/conditionSchema";
import { describeCondition } from "@/services/describeCondition";
import type { FieldDefinition } from "@/services/schema";
import type { DraftField } from "../designerDoc";
import { conditionOperatorsFor } from "./conditionOperators";
import { groupCondition, leafGroup, withField, type Leaf } from "./conditionParts";
import { LeafEditor } from "./LeafEditor";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface LeafGroupEditorProps {
  condition: RuleCondition | undefined;
  onChange(condition: RuleCondition | undefined): void;
  fields: readonly DraftField[];
  /** names the pickers, e.g. 规则 1 必须满足 */
  name: string;
}

/** A rule's condition: 全部满足 / 满足任一 of leaves; a deeper one is shown in words and can be replaced. */
export function LeafGroupEditor({ condition, onChange, fields, name }: LeafGroupEditorProps) {
  const { t, language } = useFormDesignerTexts();
  const group = leafGroup(condition);
  if (!group) {
    const words = describeCondition(fields as unknown as FieldDefinition[], condition as RuleCondition);
    return (
      <Alert
        type="info"
        message={t("formDesigner.rules.complex", { text: language === "en" ? words.en : words.zh })}
        action={<Button onClick={() => onChange(undefined)}>{t("formDesigner.rules.replace")}</Button>}
      />
    );
  }
  const setLeaves = (leaves: Leaf[]) => onChange(groupCondition({ ...group, leaves }));
  const first = fields[0];
  const addLeaf = () => first && setLeaves([...group.leaves, withField({ field: "", op: "eq" }, first.key, conditionOperatorsFor(first.type))]);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {group.leaves.length > 1 && (
        <Radio.Group
          aria-label={name}
          value={group.mode}
          onChange={(event) => onChange(groupCondition({ ...group, mode: event.target.value as "all" | "any" }))}
          options={[
            { value: "all", label: t("formDesigner.rules.all") },
            { value: "any", label: t("formDesigner.rules.any") },
          ]}
        />
      )}
      {group.leaves.map((leaf, index) => (
        <Space key={index} align="start" wrap>
          <LeafEditor
            name={`${name} ${index + 1}`}
            leaf={leaf}
            fields={fields}
            allowCompare
            onChange={(next) => setLeaves(group.leaves.map((current, i) => (i === index ? next : current)))}
          />
          <Button
            aria-label={`${t("formDesigner.rules.removeLeaf")} ${index + 1}`}
            icon={<DeleteOutlined />}
            onClick={() => setLeaves(group.leaves.filter((_, i) => i !== index))}
          />
        </Space>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={addLeaf} disabled={!first}>
        {t("formDesigner.rules.addLeaf")}
      </Button>
    </Space>
  );
}

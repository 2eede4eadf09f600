import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Select, Space, Typography } from "antd";
import { useLocale, useT } from "@/i18n";
import type { RuleCondition } from "@/services/conditionSchema";
import type { DefinitionError } from "@/services/schema";
import { LeafGroupEditor } from "../form/LeafGroupEditor";
import { useTagKinds } from "../useTagKinds";
import type { DraftField, DraftTagWrite } from "./workflowTypes";

type Props = {
  tags: readonly DraftTagWrite[];
  /** the form has a resident field: a record links to a person the tags are written to */
  linksPerson: boolean;
  /** the form's fields, for a row's 当 (the answer pickers of 申请条件) */
  fields: readonly DraftField[];
  /** the definition's problems at this transition's `tags` */
  errors: readonly DefinitionError[];
  onChange: (tags: DraftTagWrite[]) => void;
};

/**
 * 写入居民档案: tags the transition sets on or ends for the record's linked person (issue 12,
 * item 4). Offers the registry's kinds except the age ones, which follow from the birth date.
 * Without a resident field there is nobody to write to: a hint says what to add first (rows
 * already in the definition stay shown, with the definition's error). A row's 当 writes it only
 * while the condition holds on the record's answers after the step (社会救助: 低保 only for 低保).
 */
export function TransitionTagsEditor({ tags, linksPerson, fields, errors, onChange }: Props) {
  const t = useT();
  const english = useLocale() === "en";
  const { kinds, failed, labelOf } = useTagKinds();
  const writable = kinds.filter((kind) => !kind.derived);
  const setRow = (index: number, row: DraftTagWrite) => onChange(tags.map((current, i) => (i === index ? row : current)));
  const unused = writable.find((kind) => !tags.some((row) => row.tag === kind.value));
  const title = t("applicantRules.tags.title");
  return (
    <Form.Item label={title} extra={linksPerson ? t("applicantRules.tags.hint") : undefined}>
      <Space direction="vertical" style={{ width: "100%" }}>
        {!linksPerson && <Typography.Text type="secondary">{t("applicantRules.tags.needResident")}</Typography.Text>}
        {failed && <Alert type="warning" showIcon message={t("applicantRules.tagKindsFailed")} />}
        {tags.map((row, index) => {
          const name = `${title} ${t("applicantRules.tags.row", { n: index + 1 })}`;
          const whenName = `${name} ${t("conditionalRules.when")}`;
          return (
            <Space key={index} direction="vertical" style={{ width: "100%" }}>
              <Space wrap align="start">
                <Select
                  aria-label={`${name} ${t("applicantRules.tags.tag")}`}
                  value={row.tag}
                  onChange={(tag: string) => setRow(index, { ...row, tag })}
                  options={[...writable, ...(writable.some((kind) => kind.value === row.tag) ? [] : [{ value: row.tag, label: labelOf(row.tag) }])]}
                  showSearch
                  optionFilterProp="label"
                  style={{ minWidth: 160 }}
                />
                <Select
                  aria-label={`${name} ${t("applicantRules.tags.action")}`}
                  value={row.action}
                  onChange={(action: "set" | "end") => setRow(index, { ...row, action })}
                  options={[
                    { value: "set", label: t("applicantRules.tags.set") },
                    { value: "end", label: t("applicantRules.tags.end") },
                  ]}
                  style={{ minWidth: 90 }}
                />
                <Input
                  aria-label={`${name} ${t("applicantRules.tags.note")}`}
                  placeholder={t("applicantRules.tags.note")}
                  value={row.note ?? ""}
                  maxLength={200}
                  onChange={(event) => {
                    const { note: _note, ...rest } = row;
                    setRow(index, { ...rest, ...(event.target.value ? { note: event.target.value } : {}) });
                  }}
                  style={{ width: 160 }}
                />
                <Button
                  aria-label={`${t("applicantRules.tags.remove")} ${index + 1}`}
                  icon={<DeleteOutlined />}
                  onClick={() => onChange(tags.filter((_, i) => i !== index))}
                />
              </Space>
              <div role="group" aria-label={whenName}>
                <Typography.Text type="secondary">{t("conditionalRules.tagWhenHint")}</Typography.Text>
                <LeafGroupEditor
                  name={whenName}
                  condition={row.when as RuleCondition | undefined}
                  fields={fields}
                  onChange={(when) => {
                    const { when: _when, ...rest } = row;
                    setRow(index, when ? { ...rest, when } : rest);
                  }}
                />
              </div>
            </Space>
          );
        })}
        {errors.length > 0 && <Alert type="error" showIcon message={errors.map((error) => (english ? error.message_en : error.message_zh)).join("；")} />}
        {linksPerson && (
          <Button icon={<PlusOutlined />} disabled={!unused} onClick={() => unused && onChange([...tags, { tag: unused.value, action: "set" }])}>
            {t("applicantRules.tags.add")}
          </Button>
        )}
      </Space>
    </Form.Item>
  );
}

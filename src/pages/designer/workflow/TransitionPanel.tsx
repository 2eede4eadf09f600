import { DeleteOutlined } from "@ant-design/icons";
import { Button, Form, Popconfirm, Select, Space, Switch, Typography } from "antd";
import { AssignmentsEditor } from "./AssignmentsEditor";
import { ChecklistEditor } from "./ChecklistEditor";
import { CommitInput } from "./CommitInput";
import { EscalationEditor } from "./EscalationEditor";
import type { DefinitionError } from "@/services/schema";
import { GuardEditor } from "./GuardEditor";
import { TransitionTagsEditor } from "./TransitionTagsEditor";
import { useWorkflowLabels, type RoleLike } from "./useWorkflowLabels";
import { withoutUndefined } from "./workflowEdits";
import type { DraftField, DraftState, DraftTransition } from "./workflowTypes";

type Props = {
  transition: DraftTransition;
  states: readonly DraftState[];
  fields: readonly DraftField[];
  roles: readonly RoleLike[];
  /** people who may take it at the sample unit; undefined while unknown */
  people: number | undefined;
  rolePeople: ReadonlyMap<string, number>;
  /** the definition's problems at this transition's tags (写入居民档案) */
  tagErrors?: readonly DefinitionError[];
  onChange: (transition: DraftTransition, label: string) => void;
  onRemove: () => void;
};

/** The side panel for one transition (操作): who, from where to where, what it asks for and does. */
export function TransitionPanel({ transition, states, fields, roles, people, rolePeople, tagErrors = [], onChange, onRemove }: Props) {
  const { t, named, roleName } = useWorkflowLabels(roles);
  const change = (next: DraftTransition) => onChange(withoutUndefined(next), t("workflowDesigner.transitionTitle", { name: next.label }));
  const stateOptions = states.map((state) => ({ value: state.key, label: named(state, state.key) }));
  const fieldOptions = fields.map((field) => ({ value: field.key, label: named(field, field.key) }));
  const roleKeys = [...new Set([...roles.map((role) => role.key), ...transition.roles])];
  const escalates = transition.escalate !== undefined && transition.escalate !== false;

  return (
    <Form layout="vertical" aria-label={t("workflowDesigner.transitionTitle", { name: transition.label })}>
      <Form.Item label={t("workflowDesigner.label")} htmlFor="wf-transition-label">
        <CommitInput id="wf-transition-label" value={transition.label} onCommit={(label) => label && change({ ...transition, label })} />
      </Form.Item>
      <Form.Item label={t("workflowDesigner.labelEn")} htmlFor="wf-transition-label-en">
        <CommitInput
          id="wf-transition-label-en"
          value={transition.label_en}
          onCommit={(labelEn) => change({ ...transition, label_en: labelEn || undefined })}
        />
      </Form.Item>
      <Form.Item label={t("workflowDesigner.key")} extra={t("workflowDesigner.keyHint")}>
        <Typography.Text code>{transition.key}</Typography.Text>
      </Form.Item>
      <Form.Item label={t("workflowDesigner.from")} htmlFor="wf-transition-from">
        <Select
          id="wf-transition-from"
          showSearch
          optionFilterProp="label"
          mode="multiple"
          value={transition.from}
          onChange={(from: string[]) => change({ ...transition, from })}
          options={stateOptions}
          status={transition.from.length === 0 ? "error" : undefined}
        />
      </Form.Item>
      <Form.Item label={t("workflowDesigner.to")} htmlFor="wf-transition-to">
        <Select
          id="wf-transition-to"
          showSearch
          optionFilterProp="label"
          value={transition.to}
          onChange={(to: string) => change({ ...transition, to })}
          options={stateOptions}
        />
      </Form.Item>
      <Form.Item
        label={t("workflowDesigner.roles")}
        htmlFor="wf-transition-roles"
        validateStatus={transition.roles.length === 0 || people === 0 ? "error" : undefined}
        help={
          transition.roles.length === 0 || people === 0
            ? t("workflowDesigner.nobody")
            : people !== undefined
              ? t("workflowDesigner.people", { count: people })
              : undefined
        }
      >
        <Select
          id="wf-transition-roles"
          mode="multiple"
          value={transition.roles}
          onChange={(next: string[]) => change({ ...transition, roles: next })}
          optionFilterProp="label"
          options={roleKeys.map((key) => {
            const count = rolePeople.get(key);
            return { value: key, label: count === undefined ? roleName(key) : t("workflowDesigner.rolePeople", { role: roleName(key), count }) };
          })}
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Switch
            id="wf-transition-comment"
            checked={transition.requireComment ?? false}
            onChange={(requireComment) => change({ ...transition, requireComment: requireComment || undefined })}
          />
          <label htmlFor="wf-transition-comment">{t("workflowDesigner.requireComment")}</label>
        </Space>
      </Form.Item>
      <Form.Item label={t("workflowDesigner.requireFields")} htmlFor="wf-transition-fields">
        <Select
          id="wf-transition-fields"
          mode="multiple"
          value={transition.requireFields ?? []}
          onChange={(requireFields: string[]) => change({ ...transition, requireFields: requireFields.length > 0 ? requireFields : undefined })}
          options={fieldOptions}
          optionFilterProp="label"
        />
      </Form.Item>
      <ChecklistEditor
        items={transition.checklist ?? []}
        onChange={(checklist) => change({ ...transition, checklist: checklist.length > 0 ? checklist : undefined })}
      />
      <GuardEditor when={transition.when} fields={fields} onChange={(when) => change({ ...transition, when })} />
      <EscalationEditor value={transition.escalate} onChange={(escalate) => change({ ...transition, escalate })} />
      <AssignmentsEditor
        assignments={transition.set ?? []}
        fields={fields}
        escalates={escalates}
        onChange={(set) => change({ ...transition, set: set.length > 0 ? set : undefined })}
      />
      <TransitionTagsEditor
        tags={transition.tags ?? []}
        linksPerson={fields.some((field) => field.type === "resident")}
        fields={fields}
        errors={tagErrors}
        onChange={(tags) => change({ ...transition, tags: tags.length > 0 ? tags : undefined })}
      />
      <Popconfirm title={t("workflowDesigner.removeTransitionConfirm", { name: transition.label })} onConfirm={onRemove}>
        <Button danger icon={<DeleteOutlined />}>
          {t("workflowDesigner.removeTransition")}
        </Button>
      </Popconfirm>
    </Form>
  );
}

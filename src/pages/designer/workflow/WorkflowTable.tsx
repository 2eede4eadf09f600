import { DeleteOutlined, EditOutlined, FlagOutlined } from "@ant-design/icons";
import { Button, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { describeGuard } from "./guardPickers";
import { useWorkflowLabels, type RoleLike } from "./useWorkflowLabels";
import { transitionsRemovedWith } from "./workflowEdits";
import { problemsOf, type WorkflowProblem } from "./workflowProblems";
import { transitionsOf, type DraftField, type DraftState, type DraftTransition, type DraftWorkflow, type Selection } from "./workflowTypes";

type Props = {
  workflow: DraftWorkflow;
  fields: readonly DraftField[];
  roles: readonly RoleLike[];
  problems: readonly WorkflowProblem[];
  transitionPeople: ReadonlyMap<string, number>;
  selection: Selection;
  onSelect: (selection: Selection) => void;
  onSetInitial: (state: string) => void;
  onRemoveState: (state: string) => void;
  onRemoveTransition: (transition: string) => void;
};

/**
 * The workflow as two tables (环节, 操作) beside the diagram: the same edits with buttons, for the
 * keyboard, screen readers and narrow screens.
 */
export function WorkflowTable({
  workflow,
  fields,
  roles,
  problems,
  transitionPeople,
  selection,
  onSelect,
  onSetInitial,
  onRemoveState,
  onRemoveTransition,
}: Props) {
  const { t, named, pick, roleName, limitLabel, problemText } = useWorkflowLabels(roles);
  const stateName = (key: string) =>
    named(
      workflow.states.find((state) => state.key === key),
      key,
    );
  const problemCell = (list: WorkflowProblem[]) =>
    list.length === 0 ? null : (
      <Space direction="vertical" size={0}>
        {list.map((problem, i) => (
          <Typography.Text key={i} type={problem.severity === "error" ? "danger" : "warning"}>
            {problemText(problem)}
          </Typography.Text>
        ))}
      </Space>
    );
  const isSelected = (target: Selection) => JSON.stringify(target) === JSON.stringify(selection);

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large">
      <Table<DraftState>
        title={() => <Typography.Title level={5}>{t("workflowDesigner.states")}</Typography.Title>}
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={workflow.states}
        rowClassName={(state) => (isSelected({ state: state.key }) ? "ant-table-row-selected" : "")}
        columns={[
          { title: t("workflowDesigner.columns.name"), key: "name", render: (_, state) => <Tag color={state.color}>{named(state, state.key)}</Tag> },
          {
            title: t("workflowDesigner.columns.flags"),
            key: "flags",
            render: (_, state) => (
              <Space size={4}>
                {state.key === workflow.initial && <Tag color="blue">{t("workflowDesigner.initialTag")}</Tag>}
                {state.terminal && <Tag>{t("workflowDesigner.terminalTag")}</Tag>}
              </Space>
            ),
          },
          { title: t("workflowDesigner.columns.limit"), key: "limit", render: (_, state) => limitLabel(state, fields) },
          { title: t("workflowDesigner.columns.problems"), key: "problems", render: (_, state) => problemCell(problemsOf(problems, { state: state.key })) },
          {
            title: t("workflowDesigner.columns.actions"),
            key: "actions",
            render: (_, state) => (
              <Space wrap>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={`${t("workflowDesigner.edit")} ${named(state, state.key)}`}
                  onClick={() => onSelect({ state: state.key })}
                >
                  {t("workflowDesigner.edit")}
                </Button>
                {state.key !== workflow.initial && (
                  <Button size="small" icon={<FlagOutlined />} onClick={() => onSetInitial(state.key)}>
                    {t("workflowDesigner.setInitial")}
                  </Button>
                )}
                <Popconfirm
                  title={t("workflowDesigner.removeStateConfirm", { name: state.label, count: transitionsRemovedWith(workflow, state.key).length })}
                  onConfirm={() => onRemoveState(state.key)}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t("workflowDesigner.removeState")} ${named(state, state.key)}`} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Table<DraftTransition>
        title={() => <Typography.Title level={5}>{t("workflowDesigner.transitions")}</Typography.Title>}
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={transitionsOf(workflow)}
        rowClassName={(transition) => (isSelected({ transition: transition.key }) ? "ant-table-row-selected" : "")}
        scroll={{ x: true }}
        columns={[
          { title: t("workflowDesigner.columns.name"), key: "name", render: (_, transition) => named(transition, transition.key) },
          { title: t("workflowDesigner.from"), key: "from", render: (_, transition) => transition.from.map(stateName).join("、") },
          { title: t("workflowDesigner.to"), key: "to", render: (_, transition) => stateName(transition.to) },
          { title: t("workflowDesigner.roles"), key: "roles", render: (_, transition) => transition.roles.map(roleName).join("、") },
          {
            title: t("workflowDesigner.columns.people"),
            key: "people",
            render: (_, transition) => {
              const people = transitionPeople.get(transition.key);
              if (transition.roles.length === 0 || people === 0) return <Typography.Text type="danger">{t("workflowDesigner.nobody")}</Typography.Text>;
              return people === undefined ? "" : t("workflowDesigner.people", { count: people });
            },
          },
          {
            title: t("workflowDesigner.guard"),
            key: "guard",
            render: (_, transition) => {
              const text = describeGuard(fields, transition.when);
              return text ? pick(text.zh, text.en) : "";
            },
          },
          {
            title: t("workflowDesigner.columns.problems"),
            key: "problems",
            render: (_, transition) => problemCell(problemsOf(problems, { transition: transition.key })),
          },
          {
            title: t("workflowDesigner.columns.actions"),
            key: "actions",
            render: (_, transition) => (
              <Space wrap>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={`${t("workflowDesigner.edit")} ${named(transition, transition.key)}`}
                  onClick={() => onSelect({ transition: transition.key })}
                >
                  {t("workflowDesigner.edit")}
                </Button>
                <Popconfirm
                  title={t("workflowDesigner.removeTransitionConfirm", { name: transition.label })}
                  onConfirm={() => onRemoveTransition(transition.key)}
                >
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`${t("workflowDesigner.removeTransition")} ${named(transition, transition.key)}`}
                  />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

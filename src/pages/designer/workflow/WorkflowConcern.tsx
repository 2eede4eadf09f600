// 流程: the service's state machine, edited as a diagram (@xyflow/react) or as tables, with its
// problems flagged where they are, the people who may take each transition counted for a sample
// record's unit, and a dry run. Positions on the diagram are this page's own state: the
// definition holds the workflow's meaning, never its layout.
import { NodeIndexOutlined, PlusOutlined, TableOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Collapse, Form, Row, Segmented, Space, Typography } from "antd";
import { useCallback, useMemo, useState } from "react";
import { orgUnitLevels, type OrgUnitLevel } from "@/contract";
import { useErrorText } from "@/views/shared/useErrorText";
import { ScopeUnitSelect } from "@/pages/members/ScopeUnitSelect";
import { useAdminScope, type ScopeUnit } from "@/pages/members/useAdminScope";
import type { ConcernProps, DesignerDoc } from "../designerDoc";
import { errorsAt } from "../errorsAt";
import { AddStateModal } from "./AddStateModal";
import { AddTransitionModal } from "./AddTransitionModal";
import { autoLayout } from "./autoLayout";
import { DryRunPanel } from "./DryRunPanel";
import { ProblemList } from "./ProblemList";
import { StatePanel } from "./StatePanel";
import { TransitionPanel } from "./TransitionPanel";
import { useTransitionPeople } from "./useTransitionPeople";
import { useWorkflowLabels } from "./useWorkflowLabels";
import { WorkflowDiagram } from "./WorkflowDiagram";
import { addState, addTransition, removeState, removeTransition, setInitial, transitionsRemovedWith, updateState, updateTransition } from "./workflowEdits";
import { workflowProblems } from "./workflowProblems";
import { WorkflowTable } from "./WorkflowTable";
import { transitionsOf, type DraftWorkflow, type Selection } from "./workflowTypes";

type View = "diagram" | "table";

/**
 * The default sample record's unit: the first unit of the lowest level under the service's owner
 * (a grid of the community), where records are filed, so roles held at the grid count too.
 */
function lowestUnitUnder(units: readonly ScopeUnit[], rootId: string | undefined): string | undefined {
  const root = units.find((unit) => unit.id === rootId);
  if (!root) return rootId;
  const rank = (unit: ScopeUnit) => orgUnitLevels.indexOf(unit.level as OrgUnitLevel);
  const below = units.filter((unit) => unit.path === root.path || unit.path.startsWith(`${root.path}.`));
  return below.reduce((lowest, unit) => (rank(unit) > rank(lowest) ? unit : lowest), root).id;
}

export default function WorkflowConcern({ doc, change, service, errors }: ConcernProps) {
  const scope = useAdminScope();
  const errorText = useErrorText();
  const { t, named } = useWorkflowLabels(scope.roles);
  const workflow = doc.definition.workflow;
  const fields = doc.definition.fields;
  const [view, setView] = useState<View>("diagram");
  const [selection, setSelection] = useState<Selection>(null);
  const [adding, setAdding] = useState(false);
  const [addingState, setAddingState] = useState(false);
  const [dragged, setDragged] = useState<Map<string, { x: number; y: number }>>(new Map());

  const ownerInScope = service && scope.scopeUnits.some((unit) => unit.id === service.owner_org_unit_id) ? service.owner_org_unit_id : undefined;
  const [pickedUnit, setPickedUnit] = useState<string | undefined>();
  const sampleUnit = pickedUnit ?? lowestUnitUnder(scope.scopeUnits, ownerInScope ?? scope.adminUnitIds[0]);
  const people = useTransitionPeople(workflow, sampleUnit);

  const problems = useMemo(
    () =>
      workflowProblems(workflow, {
        fields,
        permissions: doc.definition.permissions,
        rolePeople: people.rolePeople,
        transitionPeople: people.transitionPeople,
        roleNames: new Map(scope.roles.map((role) => [role.key, named({ label: role.name, label_en: role.name_en }, role.key)])),
      }),
    [workflow, fields, doc.definition.permissions, people.rolePeople, people.transitionPeople, scope.roles, named],
  );

  // automatic positions for every state, the ones the admin dragged on top (until 自动整理)
  const positions = useMemo(() => {
    const auto = autoLayout(workflow);
    for (const [key, position] of dragged) if (auto.has(key)) auto.set(key, position);
    return auto;
  }, [workflow, dragged]);

  const edit = useCallback(
    (recipe: (workflow: DraftWorkflow) => DraftWorkflow, label: string) =>
      change((current: DesignerDoc) => ({ ...current, definition: { ...current.definition, workflow: recipe(current.definition.workflow) } }), label),
    [change],
  );

  const onAddState = (label: string) => {
    const { key } = addState(workflow, label);
    edit((current) => addState(current, label).workflow, t("workflowDesigner.addState"));
    setSelection({ state: key });
    setAddingState(false);
  };
  const onAddTransition = (draft: { label: string; from: string; to: string }) => {
    const { key } = addTransition(workflow, { label: draft.label, from: [draft.from], to: draft.to, roles: [] });
    edit(
      (current) => addTransition(current, { label: draft.label, from: [draft.from], to: draft.to, roles: [] }).workflow,
      t("workflowDesigner.addTransition"),
    );
    setSelection({ transition: key });
    setAdding(false);
  };
  const onRemoveState = (key: string) => {
    edit((current) => removeState(current, key), t("workflowDesigner.removeState"));
    setSelection(null);
  };
  const onRemoveTransition = (key: string) => {
    edit((current) => removeTransition(current, key), t("workflowDesigner.removeTransition"));
    setSelection(null);
  };
  const onSetInitial = (key: string) => edit((current) => setInitial(current, key), t("workflowDesigner.setInitial"));

  const selectedState = selection && "state" in selection ? workflow.states.find((state) => state.key === selection.state) : undefined;
  const selectedTransition = selection && "transition" in selection ? transitionsOf(workflow).find((tr) => tr.key === selection.transition) : undefined;

  const panel = selectedState ? (
    <StatePanel
      key={selectedState.key}
      state={selectedState}
      initial={selectedState.key === workflow.initial}
      fields={fields}
      removedTransitions={transitionsRemovedWith(workflow, selectedState.key).length}
      onChange={(next, label) => edit((current) => updateState(current, selectedState.key, () => next), label)}
      onSetInitial={() => onSetInitial(selectedState.key)}
      onRemove={() => onRemoveState(selectedState.key)}
    />
  ) : selectedTransition ? (
    <TransitionPanel
      key={selectedTransition.key}
      transition={selectedTransition}
      states={workflow.states}
      fields={fields}
      roles={scope.roles}
      people={people.transitionPeople.get(selectedTransition.key)}
      rolePeople={people.rolePeople}
      tagErrors={errorsAt(errors, `workflow.transitions[${transitionsOf(workflow).indexOf(selectedTransition)}].tags`)}
      onChange={(next, label) => edit((current) => updateTransition(current, selectedTransition.key, () => next), label)}
      onRemove={() => onRemoveTransition(selectedTransition.key)}
    />
  ) : (
    <Typography.Paragraph type="secondary">{t("workflowDesigner.nothingSelected")}</Typography.Paragraph>
  );
  const panelTitle = selectedState
    ? t("workflowDesigner.stateTitle", { name: named(selectedState, selectedState.key) })
    : selectedTransition
      ? t("workflowDesigner.transitionTitle", { name: named(selectedTransition, selectedTransition.key) })
      : undefined;

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <ProblemList problems={problems} onSelect={setSelection} />
      <Space wrap>
        <Button icon={<PlusOutlined />} onClick={() => setAddingState(true)}>
          {t("workflowDesigner.addState")}
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={workflow.states.length === 0}>
          {t("workflowDesigner.addTransition")}
        </Button>
        {view === "diagram" && <Button onClick={() => setDragged(new Map())}>{t("workflowDesigner.autoLayout")}</Button>}
        <Segmented<View>
          aria-label={t("workflowDesigner.viewLabel")}
          value={view}
          onChange={setView}
          options={[
            { value: "diagram", label: t("workflowDesigner.diagram"), icon: <NodeIndexOutlined /> },
            { value: "table", label: t("workflowDesigner.table"), icon: <TableOutlined /> },
          ]}
        />
        <Form.Item label={t("workflowDesigner.sampleUnit")} htmlFor="wf-sample-unit" tooltip={t("workflowDesigner.sampleUnitHint")} style={{ marginBottom: 0 }}>
          <div style={{ minWidth: 220 }}>
            <ScopeUnitSelect id="wf-sample-unit" units={scope.scopeUnits} value={sampleUnit} onChange={setPickedUnit} />
          </div>
        </Form.Item>
      </Space>
      {people.error !== null && people.error !== undefined && <Alert type="warning" showIcon message={errorText(people.error)} />}
      <Typography.Text type="secondary">{t("workflowDesigner.hint")}</Typography.Text>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          {view === "diagram" ? (
            <WorkflowDiagram
              workflow={workflow}
              fields={fields}
              roles={scope.roles}
              problems={problems}
              transitionPeople={people.transitionPeople}
              positions={positions}
              onMove={(key, position) => setDragged((current) => new Map(current).set(key, position))}
              selection={selection}
              onSelect={setSelection}
              onConnect={(from, to) => onAddTransition({ label: t("workflowDesigner.newTransitionLabel"), from, to })}
            />
          ) : (
            <WorkflowTable
              workflow={workflow}
              fields={fields}
              roles={scope.roles}
              problems={problems}
              transitionPeople={people.transitionPeople}
              selection={selection}
              onSelect={setSelection}
              onSetInitial={onSetInitial}
              onRemoveState={onRemoveState}
              onRemoveTransition={onRemoveTransition}
            />
          )}
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={panelTitle}>
            {panel}
          </Card>
        </Col>
      </Row>
      <Collapse
        items={[
          { key: "dry-run", label: t("workflowDesigner.dryRun.title"), children: <DryRunPanel workflow={workflow} fields={fields} roles={scope.roles} /> },
        ]}
      />
      <AddStateModal open={addingState} onCancel={() => setAddingState(false)} onAdd={onAddState} />
      <AddTransitionModal open={adding} states={workflow.states} defaultFrom={selectedState?.key} onCancel={() => setAdding(false)} onAdd={onAddTransition} />
    </Space>
  );
}

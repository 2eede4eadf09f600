import "@xyflow/react/dist/style.css";
import { Background, Controls, MarkerType, ReactFlow, type EdgeChange, type NodeChange } from "@xyflow/react";
import { useMemo } from "react";
import { layerOf } from "./autoLayout";
import { StateNode, type StateNodeType } from "./StateNode";
import { TransitionEdge, type TransitionEdgeType } from "./TransitionEdge";
import { problemsOf, type WorkflowProblem } from "./workflowProblems";
import { useWorkflowLabels, type RoleLike } from "./useWorkflowLabels";
import { transitionsOf, type DraftField, type DraftWorkflow, type Selection } from "./workflowTypes";

const nodeTypes = { state: StateNode };
const edgeTypes = { transition: TransitionEdge };

type Props = {
  workflow: DraftWorkflow;
  fields: readonly DraftField[];
  roles: readonly RoleLike[];
  problems: readonly WorkflowProblem[];
  transitionPeople: ReadonlyMap<string, number>;
  positions: ReadonlyMap<string, { x: number; y: number }>;
  onMove: (key: string, position: { x: number; y: number }) => void;
  selection: Selection;
  onSelect: (selection: Selection) => void;
  /** a drag from one state's handle to another's: the drag-to-connect way of adding a transition */
  onConnect: (from: string, to: string) => void;
};

/** Edge ids are `transition|from`: a transition leaving several states is one arrow from each. */
const edgeId = (transition: string, from: string) => `${transition}|${from}`;

/** The state machine as a diagram (@xyflow/react): states as nodes, transitions as labelled arrows, problems in red. */
export function WorkflowDiagram(props: Props) {
  const { workflow, fields, roles, problems, transitionPeople, positions, selection } = props;
  const { t, named, limitLabel, problemText } = useWorkflowLabels(roles);

  const nodes = useMemo<StateNodeType[]>(
    () =>
      workflow.states.map((state) => ({
        id: state.key,
        type: "state",
        position: positions.get(state.key) ?? { x: 0, y: 0 },
        selected: selection !== null && "state" in selection && selection.state === state.key,
        ariaLabel: named(state, state.key),
        data: {
          label: named(state, state.key),
          color: state.color,
          initial: state.key === workflow.initial,
          terminal: state.terminal ?? false,
          limit: limitLabel(state, fields),
          problems: problemsOf(problems, { state: state.key }).map(problemText),
          texts: { initial: t("workflowDesigner.initialTag"), terminal: t("workflowDesigner.terminalTag") },
        },
      })),
    [workflow, fields, problems, positions, selection, named, limitLabel, problemText, t],
  );

  const { onSelect } = props;
  const edges = useMemo<TransitionEdgeType[]>(() => {
    const layers = layerOf(workflow);
    const keys = new Set(workflow.states.map((state) => state.key));
    const pairs = new Map<string, number>();
    return transitionsOf(workflow).flatMap((transition) =>
      transition.from
        .filter((from) => keys.has(from) && keys.has(transition.to))
        .map((from) => {
          const pair = [from, transition.to].sort().join("|");
          const nth = pairs.get(pair) ?? 0;
          pairs.set(pair, nth + 1);
          const people = transitionPeople.get(transition.key);
          const nobody = transition.roles.length === 0 || people === 0;
          const flagged = problemsOf(problems, { transition: transition.key }).map(problemText);
          const peopleText = nobody ? t("workflowDesigner.nobody") : people !== undefined ? t("workflowDesigner.people", { count: people }) : "";
          return {
            id: edgeId(transition.key, from),
            type: "transition" as const,
            source: from,
            target: transition.to,
            selected: selection !== null && "transition" in selection && selection.transition === transition.key,
            markerEnd: { type: MarkerType.ArrowClosed },
            ariaLabel: named(transition, transition.key),
            data: {
              label: named(transition, transition.key),
              people: peopleText,
              problems: flagged,
              problemsText: nobody && flagged.length === 1 ? peopleText : t("workflowDesigner.problemsOf", { count: flagged.length }),
              bend: nth * 36,
              back: (layers.get(transition.to) ?? Infinity) <= (layers.get(from) ?? -1),
              onSelect: () => onSelect({ transition: transition.key }),
            },
          };
        }),
    );
  }, [workflow, problems, transitionPeople, selection, named, problemText, t, onSelect]);

  const onNodesChange = (changes: NodeChange<StateNodeType>[]) => {
    for (const change of changes) {
      if (change.type === "position" && change.position) props.onMove(change.id, change.position);
      // Enter or Space on a focused state selects it, as a click does
      if (change.type === "select" && change.selected) onSelect({ state: change.id });
    }
  };
  const onEdgesChange = (changes: EdgeChange<TransitionEdgeType>[]) => {
    for (const change of changes) if (change.type === "select" && change.selected) onSelect({ transition: change.id.split("|")[0] });
  };

  return (
    <div style={{ height: 560, border: "1px solid #f0f0f0", borderRadius: 8 }}>
      <ReactFlow<StateNodeType, TransitionEdgeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeClick={(_, node) => onSelect({ state: node.id })}
        onEdgeClick={(_, edge) => onSelect({ transition: edge.id.split("|")[0] })}
        onPaneClick={() => onSelect(null)}
        onConnect={(connection) => connection.source && connection.target && props.onConnect(connection.source, connection.target)}
        // deleting asks first (the panel's 删除 buttons); the Delete key would not
        deleteKeyCode={null}
        fitView
        minZoom={0.3}
      >
        <Background />
        <Controls />
      </ReactFlow>
    </div>
  );
}

// Where the diagram draws each state, without a layout library: layers by breadth-first distance
// from the initial state (top to bottom), states in a layer side by side; states no path reaches
// go in a last row of their own, where they stand out. Back-edges (退回) simply point upwards.
// Positions are the diagram's alone: they are never written into the definition.
import { transitionsOf, type DraftWorkflow } from "./workflowTypes";

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 76;
const GAP_X = 110;
const GAP_Y = 150;

export function layerOf(workflow: DraftWorkflow): Map<string, number> {
  const layers = new Map<string, number>();
  const keys = new Set(workflow.states.map((state) => state.key));
  if (!keys.has(workflow.initial)) return layers;
  layers.set(workflow.initial, 0);
  const queue = [workflow.initial];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const transition of transitionsOf(workflow)) {
      if (transition.from.includes(current) && keys.has(transition.to) && !layers.has(transition.to)) {
        layers.set(transition.to, layers.get(current)! + 1);
        queue.push(transition.to);
      }
    }
  }
  return layers;
}

export function autoLayout(workflow: DraftWorkflow): Map<string, { x: number; y: number }> {
  const layers = layerOf(workflow);
  const last = Math.max(-1, ...layers.values()) + 1;
  const rows = new Map<number, string[]>();
  for (const state of workflow.states) {
    const row = layers.get(state.key) ?? last;
    rows.set(row, [...(rows.get(row) ?? []), state.key]);
  }
  const widest = Math.max(1, ...[...rows.values()].map((row) => row.length));
  const positions = new Map<string, { x: number; y: number }>();
  for (const [row, keys] of rows) {
    // centre each row under the widest one
    const offset = ((widest - keys.length) * (NODE_WIDTH + GAP_X)) / 2;
    keys.forEach((key, i) => positions.set(key, { x: offset + i * (NODE_WIDTH + GAP_X), y: row * (NODE_HEIGHT + GAP_Y) }));
  }
  return positions;
}

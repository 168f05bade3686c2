// The generator's worker task: the same pure, seeded simulation the cell runs in-process, returned in
// a shape the worker can move to the page without copying: the rows as typed arrays (the group
// labels as one Int32Array of codes into the group labels) and the truth's per-group arrays.
import type { TaskHandlers } from "../../engine/workers/protocol";
import { simulateGroupedData, type SimulateOptions, type SimulationTruth } from "../../stats/simulate";
import type { CodedColumn } from "../offload/coded";
import { buffersOf } from "../offload/transfer";

/** A simulation as sent from the worker. */
export interface WireSimulation {
  /** Group label per row, as codes into `truth.groups.label`. */
  group: CodedColumn;
  x: Float64Array;
  y: Float64Array;
  trials?: Float64Array;
  truth: SimulationTruth;
}

/** Simulates and packs for the trip to the page; pure, so a Node test can call it directly. */
export function simulateWire(options: SimulateOptions): WireSimulation {
  const { columns, truth } = simulateGroupedData(options);
  // Rows come group by group (G01's rows, then G02's, ...), so the codes follow from the sizes
  // without looking up a single label.
  const sizes = truth.groups.size;
  const codes = new Int32Array(truth.nObs);
  for (let j = 0, row = 0; j < sizes.length; j++) codes.fill(j, row, (row += sizes[j]!));
  const wire: WireSimulation = { group: { levels: truth.groups.label, codes }, x: columns.x, y: columns.y, truth };
  if (columns.trials) wire.trials = columns.trials;
  return wire;
}

/** The typed arrays of a wire simulation, whose buffers the worker hands over. */
export function wireViews(wire: WireSimulation): unknown[] {
  const g = wire.truth.groups;
  return [wire.group.codes, wire.x, wire.y, wire.trials, g.size, g.intercept, g.slope, g.interceptOffset, g.slopeOffset, g.xCenter];
}

export const generatorTasks: TaskHandlers = {
  simulate: (options: SimulateOptions, context) => {
    const wire = simulateWire(options);
    context.transfer?.(buffersOf(wireViews(wire)));
    return wire;
  },
};

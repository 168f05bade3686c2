// Simulating a large dataset in a Web Worker, so the page stays interactive while it runs: the rows
// arrive as typed arrays and become Arquero columns here without a per-row object. A newer value
// (a slider move) aborts the signal, which terminates the worker mid-simulation.
import type { SimulateOptions } from "../../stats/simulate";
import { decodeRemembered } from "../offload/coded";
import { runInWorker } from "../offload/run";
import { generatorWorkerScript } from "./script";
import { generatorTables, type GeneratorTables, type SimulatedRows } from "./tables";
import type { WireSimulation } from "./tasks";

export async function simulateInWorker(options: SimulateOptions, signal: AbortSignal): Promise<GeneratorTables> {
  const wire = await runInWorker<WireSimulation>(generatorWorkerScript, "simulate", options, signal);
  return generatorTables(fromWire(wire), options);
}

/** The rows of a wire simulation; the group column remembers its codes for the model's worker. */
export function fromWire(wire: WireSimulation): SimulatedRows {
  const columns: SimulatedRows["columns"] = { group: decodeRemembered(wire.group) as string[], x: wire.x, y: wire.y };
  if (wire.trials) columns.trials = wire.trials;
  return { columns, truth: wire.truth };
}

// Test-only cell types: they count compute calls per cell, fail on demand, or wait to be cancelled.
import { createCellRegistry, defineCellType, type CellRegistry } from "../../../src/cells/registry";
import type { Engine } from "../../../src/engine";
import { number, object, optional, string } from "../../../src/cells/schema";
import { parameter } from "../../../src/cells/parameter";
import { dataset } from "../../../src/cells/dataset";
import { table } from "../../../src/cells/table";

export interface Probe {
  /** Compute calls per cell id since the last reset. */
  calls: Map<string, number>;
  /** Ids whose run saw its signal abort. */
  aborted: string[];
  /** Every `count` compute: the cell, its context's draft flag and previous value. */
  contexts: { id: string; draft: boolean; previous: unknown }[];
  reset(): void;
}

export function createProbe(): Probe {
  const probe: Probe = {
    calls: new Map(),
    aborted: [],
    contexts: [],
    reset() {
      probe.calls.clear();
      probe.aborted.length = 0;
      probe.contexts.length = 0;
    },
  };
  return probe;
}

const sum = (values: readonly unknown[]): number => values.reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0);

/** A registry with parameter/dataset/table plus `count`, `fail` and `slow`, all reporting to `probe`. */
export function testRegistry(probe: Probe): CellRegistry {
  const count = defineCellType({
    name: "count",
    title: "Count",
    description: "add + the sum of numeric inputs; counts its computes",
    config: object({ add: optional(number(), 0) }),
    defaults: { add: 0 },
    inputs: { min: 0, max: 100 },
    compute(config, inputs, context) {
      probe.calls.set(context.cellId, (probe.calls.get(context.cellId) ?? 0) + 1);
      probe.contexts.push({ id: context.cellId, draft: context.draft === true, previous: context.previous });
      return (config.add ?? 0) + sum(inputs.map((i) => i.value));
    },
    summary: (value: number) => value,
  });
  const fail = defineCellType({
    name: "fail",
    title: "Fail",
    description: "always throws its message",
    config: object({ message: string() }),
    defaults: { message: "boom" },
    inputs: { min: 0, max: 10 },
    compute(config): never {
      throw new Error(config.message);
    },
    summary: () => null,
  });
  const slow = defineCellType({
    name: "slow",
    title: "Slow",
    description: "waits `ms` then returns the sum of its inputs, unless cancelled first",
    config: object({ ms: number({ min: 0 }) }),
    defaults: { ms: 50 },
    inputs: { min: 0, max: 10 },
    compute(config, inputs, context) {
      probe.calls.set(context.cellId, (probe.calls.get(context.cellId) ?? 0) + 1);
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => resolve(sum(inputs.map((i) => i.value))), config.ms);
        context.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          probe.aborted.push(context.cellId);
          reject(new Error("cancelled"));
        });
      });
    },
    summary: (value: number) => value,
  });
  return createCellRegistry([parameter, dataset, table, count, fail, slow]);
}

/** A workbench document from bare cells. */
export function workbench(cells: { id: string; type: string; config?: Record<string, unknown>; inputs?: string[] }[]) {
  return {
    format: "pooling-workbench",
    version: 1,
    title: "test",
    cells: cells.map((c) => ({ config: {}, inputs: [], ...c })),
  };
}

export const slider = (id: string, value: number) => ({ id, type: "parameter", config: { control: "slider", min: 0, max: 100, value } });

/** Resolves when cell `id` is next fulfilled (its current value does not count). */
export function fulfilled(e: Engine, id: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = e.subscribe((cell, run) => {
      if (cell === id && run.status === "fulfilled") {
        stop();
        resolve();
      }
    });
  });
}

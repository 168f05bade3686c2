// The generator's worker path: the same seeded simulation as in-process, packed as typed arrays,
// moved (not copied) out of the worker, cancelled with the cell's run, and its group codes reused
// when the table goes on to the model's worker.
import { afterAll, describe, expect, it } from "vitest";
import { generator, expectedRows, generatorTables, resolveOptions, type GeneratorConfig } from "../../../src/cells/generator";
import { fromWire, simulateInWorker } from "../../../src/cells/generator/offload";
import { generatorTasks, simulateWire, type WireSimulation } from "../../../src/cells/generator/tasks";
import { inputColumns } from "../../../src/cells/model/data";
import { packColumn } from "../../../src/cells/model/tasks";
import { knownCodes } from "../../../src/cells/offload/coded";
import { disposeSharedPools } from "../../../src/engine/workers/pool";
import { runTask } from "../../../src/engine/workers/serve";
import type { ReplyMessage } from "../../../src/engine/workers/protocol";
import { simulateGroupedData, type SimulateOptions } from "../../../src/stats/simulate";

afterAll(() => disposeSharedPools());

const ctx = () => ({ cellId: "sim", signal: new AbortController().signal, invalidation: new Promise<void>(() => {}) });

function configOf(raw: Record<string, unknown>): GeneratorConfig {
  return generator.config.parse(raw, "config", [])!;
}

function optionsOf(raw: Record<string, unknown>): SimulateOptions {
  return resolveOptions(configOf(raw), []);
}

/** Every table of a generator value as plain rows, to compare two values exactly. */
function rowsOf(value: Pick<ReturnType<typeof generatorTables>, "data" | "truth" | "parameters" | "groups">) {
  return { data: value.data.objects(), truth: value.truth.objects(), parameters: value.parameters.objects(), groups: value.groups.objects() };
}

const cases: Record<string, unknown>[] = [
  { seed: 7, groups: 500, groupSize: 200, slopeSD: 0.3 },
  { seed: -3, groups: 37, groupSize: 41.3, imbalance: 0.8, tinyGroup: 2, family: "binomial", trials: 4, confounding: 1 },
  { seed: 2026, groups: 12, groupSize: 9, family: "poisson", intercept: 0.5, slope: 0.2 },
];

describe("generator worker task", () => {
  it.each(cases)("simulateWire(%j) rebuilt on the page gives exactly the in-process tables", async (raw) => {
    const options = optionsOf(raw);
    const here = await generator.compute(configOf(raw), [], ctx());
    const there = generatorTables(fromWire(simulateWire(options)), options);
    expect(rowsOf(there)).toEqual(rowsOf(here));
    expect(there.data.columnNames()).toEqual(here.data.columnNames());
    expect(there.options).toEqual(here.options);
    // Typed columns stay typed: the model packs them by copying memory.
    expect(there.data.column("x")).toBeInstanceOf(Float64Array);
    expect(there.data.column("y")).toBeInstanceOf(Float64Array);
  });

  it("expectedRows(options) is the number of rows simulated, known before simulating", () => {
    for (const raw of cases) expect(expectedRows(optionsOf(raw))).toBe(simulateGroupedData(optionsOf(raw)).truth.nObs);
  });

  it("the task hands the worker's buffers over with its result instead of copying them", async () => {
    const options = optionsOf(cases[1]!);
    const posts: { message: ReplyMessage; transfer: ArrayBuffer[] }[] = [];
    await runTask(generatorTasks, { type: "task", id: 1, name: "simulate", payload: options }, (message, transfer = []) => posts.push({ message, transfer }));
    expect(posts).toHaveLength(1);
    const { message, transfer } = posts[0]!;
    expect(message.type).toBe("result");
    const wire = (message as { value: WireSimulation }).value;
    for (const view of [wire.x, wire.y, wire.trials!, wire.group.codes, wire.truth.groups.intercept]) expect(transfer).toContain(view.buffer);
    expect(new Set(transfer).size).toBe(transfer.length);
  });

  it("a Poisson rate too large fails the task with the in-process message", async () => {
    const options = optionsOf({ family: "poisson", intercept: 30, groups: 3, groupSize: 5 });
    expect(() => simulateGroupedData(options)).toThrow(/Poisson rate/);
    const posts: ReplyMessage[] = [];
    await runTask(generatorTasks, { type: "task", id: 2, name: "simulate", payload: options }, (m) => posts.push(m));
    expect(posts[0]).toMatchObject({ type: "error", message: expect.stringMatching(/^simulateGroupedData: Poisson rate/) });
  });

  it("Node (CLI, tests) keeps simulating in-process: compute returns the value, not a promise", () => {
    const value = generator.compute(configOf(cases[0]!), [], ctx());
    expect(value).not.toBeInstanceOf(Promise);
  });
});

describe("generator simulation in a worker thread", () => {
  it("simulateInWorker gives exactly the in-process tables (100,000 rows, through structured clone with transfer)", async () => {
    const raw = cases[0]!;
    const options = optionsOf(raw);
    const here = await generator.compute(configOf(raw), [], ctx());
    const there = await simulateInWorker(options, new AbortController().signal);
    expect(there.data.numRows()).toBe(100_000);
    expect(rowsOf(there)).toEqual(rowsOf(here));
  });

  it("aborting the signal (a newer value) cancels the simulation", async () => {
    const controller = new AbortController();
    const run = simulateInWorker(optionsOf({ groups: 500, groupSize: 2000 }), controller.signal);
    setTimeout(() => controller.abort(new Error('cell "sim" was superseded')), 20);
    await expect(run).rejects.toMatchObject({ name: "AbortError", message: 'cell "sim" was superseded' });
  });
});

describe("hand-off to the model's worker", () => {
  it("the model reads the generator's columns without copying and reuses the group codes", () => {
    const options = optionsOf(cases[1]!);
    const wire = simulateWire(options);
    const value = { ...generatorTables(fromWire(wire), options), bindings: {} };
    const columns = inputColumns({ id: "sim", type: "generator", value });
    expect(columns.x).toBe(value.data.column("x"));
    expect(columns.group).toBe(value.data.column("group"));
    expect(knownCodes(columns.group!)).toBe(wire.group);
    expect(packColumn(columns.group!)).toBe(wire.group);
    expect(packColumn(columns.x!)).toBe(columns.x);
  });

  it("a filtered or reordered table is still read in its row order", async () => {
    const value = await generator.compute(configOf({ seed: 1, groups: 3, groupSize: 4 }), [], ctx());
    const ordered = value.data.orderby("x");
    const columns = inputColumns({ id: "t", type: "transform", value: ordered });
    expect(Array.from(columns.x!)).toEqual(ordered.array("x"));
    const filtered = value.data.filter("d => d.x > 0");
    expect(Array.from(inputColumns({ id: "t", type: "transform", value: filtered }).group!)).toEqual(filtered.array("group"));
  });
});

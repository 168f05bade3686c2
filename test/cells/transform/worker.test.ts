// The transform's worker path: the same pipeline as in-process over tables that cross as columns
// (typed arrays, text as codes), rebuilt on the page without row objects, exactly equal to the
// in-process result (values, column containers and grouping), and cancelled with the cell's run.
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { afterAll, describe, expect, it } from "vitest";
import { generator, generatorTables, resolveOptions, type GeneratorConfig } from "../../../src/cells/generator";
import { fromWire } from "../../../src/cells/generator/offload";
import { simulateWire } from "../../../src/cells/generator/tasks";
import { fromWireColumn, toWireColumn } from "../../../src/cells/offload/columns";
import { knownCodes } from "../../../src/cells/offload/coded";
import { canPackTable, packTable, unpackTable, type WireTable } from "../../../src/cells/offload/table";
import { runPipeline, transform, shouldRunInWorker, type PipelineStep, type PipelineTables } from "../../../src/cells/transform";
import { transformInWorker, transformPayload } from "../../../src/cells/transform/offload";
import { transformTasks, transformWire } from "../../../src/cells/transform/tasks";
import { disposeSharedPools } from "../../../src/engine/workers/pool";
import type { ReplyMessage } from "../../../src/engine/workers/protocol";
import { runTask } from "../../../src/engine/workers/serve";

afterAll(() => disposeSharedPools());

const ctx = () => ({ cellId: "t", signal: new AbortController().signal, invalidation: new Promise<void>(() => {}) });

async function simulated(raw: Record<string, unknown>): Promise<ColumnTable> {
  const config = generator.config.parse(raw, "config", []) as GeneratorConfig;
  return (await generator.compute(config, [], ctx())).data;
}

/** A table with every kind of column: typed, plain numbers with gaps, text with nulls, booleans, dates. */
function mixedTable(n: number): ColumnTable {
  const x = new Float64Array(n);
  const w: (number | null)[] = [];
  const g: (string | null)[] = [];
  const flag: boolean[] = [];
  const when: Date[] = [];
  for (let i = 0; i < n; i++) {
    x[i] = Math.sin(i) * 3;
    w.push(i % 7 === 0 ? null : i % 11);
    g.push(i % 13 === 0 ? null : `g${(i * 7) % 5}`);
    flag.push(i % 3 === 0);
    when.push(new Date(Date.UTC(2020, 0, 1 + (i % 30))));
  }
  return aq.table({ g, x, w, flag, when });
}

/** The result through the worker task (as structured clone carries it), rebuilt as on the page. */
function viaWire(tables: PipelineTables, steps: PipelineStep[]): ColumnTable {
  const payload = structuredClone(transformPayload(tables, steps, "steps"));
  return unpackTable(structuredClone(transformWire(payload)));
}

function kinds(table: ColumnTable): string[] {
  return table.columnNames().map((name) => (table.column(name) as object).constructor.name);
}

/** Exactly the same table: values, column containers, grouping (and what a rollup over it gives). */
function expectSameTable(there: ColumnTable, here: ColumnTable): void {
  expect(there.columnNames()).toEqual(here.columnNames());
  expect(there.objects()).toEqual(here.objects());
  expect(kinds(there)).toEqual(kinds(here));
  expect(there.isGrouped()).toBe(here.isGrouped());
  if (here.isGrouped()) {
    const [a, b] = [there.groups() as any, here.groups() as any];
    expect(a.names).toEqual(b.names);
    expect(Array.from(a.keys)).toEqual(Array.from(b.keys));
    expect(Array.from(a.rows)).toEqual(Array.from(b.rows));
    expect(a.size).toBe(b.size);
    const summary = { n: "d => op.count()" };
    expect(there.rollup(summary).objects()).toEqual(here.rollup(summary).objects());
  }
}

const pipelines: Record<string, PipelineStep[]> = {
  "derive per group, filter, ungroup": [
    { groupby: ["group"] },
    { derive: { x_c: "d => d.x - op.mean(d.x)", rank: "d => op.row_number()" } },
    { filter: "d => d.y > -3" },
    { ungroup: true },
  ],
  "groupby + rollup": [{ groupby: ["group"] }, { rollup: { n: "d => op.count()", ybar: "d => op.mean(d.y)", xsd: "d => op.stdev(d.x)" } }],
  "select, rename, derive text": [
    { select: ["group", "x"] },
    { rename: { group: "school", x: "ses" } },
    { derive: { label: "d => d.school + ':' + (d.ses > 0 ? 'high' : 'low')" } },
  ],
  "a grouped result (kept grouped)": [{ filter: "d => d.x > 0" }, { groupby: ["group"] }, { derive: { x_c: "d => d.x - op.mean(d.x)" } }],
  "orderby, sample, slice": [{ orderby: [{ desc: "y" }, "x"] }, { sample: { n: 3, seed: 5 } }, { slice: { start: 0, end: 500 } }],
};

describe("transform worker task", () => {
  it.each(Object.entries(pipelines))("%s: the task's result rebuilt on the page equals the in-process result", async (_name, steps) => {
    const main = await simulated({ seed: 11, groups: 300, groupSize: 70, slopeSD: 0.3 });
    const tables = { main, sim: main } as PipelineTables;
    expectSameTable(viaWire(tables, steps), runPipeline(tables, steps));
  });

  it("text with nulls, numbers with gaps, booleans and dates come back exactly", () => {
    const main = mixedTable(5000);
    const steps: PipelineStep[] = [
      { derive: { w2: "d => d.w * 2", up: "op.upper(d.g)", late: "d => op.date(d.when) > 15" } },
      { filter: "d => d.flag || d.w === null" },
      { groupby: ["g"] },
      { rollup: { n: "d => op.count()", wsum: "d => op.sum(d.w)", ws: "d => op.array_agg(d.w)" } },
    ];
    const tables = { main } as PipelineTables;
    expectSameTable(viaWire(tables, steps), runPipeline(tables, steps));
    const derived = steps.slice(0, 2);
    expectSameTable(viaWire(tables, derived), runPipeline(tables, derived));
  });

  it("a grouped input keeps its groups' order after a filter (which grouping again would change)", () => {
    const steps: PipelineStep[] = [{ groupby: ["g"] }, { filter: "d => d.x > 1" }];
    const grouped = runPipeline({ main: mixedTable(400) } as PipelineTables, steps);
    const tables = { main: grouped } as PipelineTables;
    const rollup: PipelineStep[] = [{ rollup: { n: "d => op.count()", xbar: "d => op.mean(d.x)" } }];
    expect(grouped.rollup({ n: "d => op.count()" }).array("g")).not.toEqual(grouped.ungroup().groupby("g").rollup({ n: "d => op.count()" }).array("g"));
    expectSameTable(viaWire(tables, rollup), runPipeline(tables, rollup));
  });

  it("joins read the other inputs by cell id", () => {
    const main = mixedTable(300);
    const labels = aq.table({ g: ["g0", "g1", "g2", "g3", "g4"], label: ["A", "B", "C", "D", "E"] });
    const tables = { main, data: main, labels } as PipelineTables;
    const steps: PipelineStep[] = [{ join: { table: "labels", on: "g", how: "left" } }, { derive: { x2: "d => d.x * 2" } }];
    expectSameTable(viaWire(tables, steps), runPipeline(tables, steps));
  });

  it("the worker checks the steps again: a refused expression fails with the in-process message", async () => {
    const tables = { main: mixedTable(10) } as PipelineTables;
    const steps = [{ derive: { z: "d => fetch('http://x')" } }] as PipelineStep[];
    const expected = 'steps[0].derive.z: unknown function "fetch" in "d => fetch(\'http://x\')"';
    expect(() => runPipeline(tables, steps)).toThrow(expected);
    const posts: ReplyMessage[] = [];
    await runTask(transformTasks, { type: "task", id: 1, name: "transform", payload: transformPayload(tables, steps, "steps") }, (m) => posts.push(m));
    expect(posts).toEqual([{ type: "error", id: 1, message: expected }]);
  });

  it("the task hands the result's buffers over instead of copying them", async () => {
    const main = await simulated({ seed: 3, groups: 20, groupSize: 30 });
    const steps: PipelineStep[] = [{ derive: { x_c: "d => d.x - op.mean(d.x)" } }, { groupby: ["group"] }];
    const posts: { message: ReplyMessage; transfer: ArrayBuffer[] }[] = [];
    const payload = transformPayload({ main } as PipelineTables, steps, "steps");
    await runTask(transformTasks, { type: "task", id: 2, name: "transform", payload }, (message, transfer = []) => posts.push({ message, transfer }));
    const wire = (posts[0]!.message as { value: WireTable }).value;
    const x_c = wire.columns[wire.names.indexOf("x_c")]!;
    expect(x_c.kind).toBe("numbers");
    expect(posts[0]!.transfer).toContain((x_c as { values: Float64Array }).values.buffer);
    expect(posts[0]!.transfer).toContain(wire.groups!.keys.buffer);
  });

  it("the generator's group codes go over as they are, and the result's text column remembers its codes", async () => {
    // As the generator's worker path builds its table: the group column remembers its codes.
    const options = resolveOptions(generator.config.parse({ seed: 3, groups: 20, groupSize: 30 }, "config", [])!, []);
    const sim = simulateWire(options);
    const main = generatorTables(fromWire(sim), options).data;
    const wire = packTable(main);
    expect(wire.columns[wire.names.indexOf("group")]).toEqual({ kind: "coded", coded: sim.group });
    expect((wire.columns[wire.names.indexOf("group")] as { coded: unknown }).coded).toBe(sim.group);
    const back = unpackTable(wire);
    expect(knownCodes(back.column("group") as string[])).toBeDefined();
  });

  it("columns survive packing exactly, container included", () => {
    const cases: ArrayLike<unknown>[] = [[1, -0, NaN, Infinity], [1, null, undefined, 2], ["a", null, "b", "a"], ["a", undefined], [true, null], new Int32Array([1, 2]), []];
    for (const column of cases) {
      const back = fromWireColumn(structuredClone(toWireColumn(column)));
      expect(back).toEqual(column);
      expect(Object.is((back as number[])[1], (column as number[])[1])).toBe(true);
      expect(back.constructor).toBe(column.constructor);
    }
  });

  it("filtered or ordered views stay in-process; Node always runs in-process", async () => {
    const main = mixedTable(50);
    expect(canPackTable(main.orderby("x"))).toBe(false);
    expect(canPackTable(main.filter("d => d.x > 0"))).toBe(false);
    expect(canPackTable(main.filter("d => d.x > 0").reify())).toBe(true);
    const big = await simulated({ seed: 1, groups: 200, groupSize: 120 });
    expect(shouldRunInWorker({ main: big } as PipelineTables)).toBe(false);
    const config = transform.config.parse({ steps: [{ derive: { z: "d => d.x * 2" } }] }, "config", [])!;
    expect(transform.compute(config, [{ id: "sim", type: "generator", value: { data: big } }], ctx())).not.toBeInstanceOf(Promise);
  });
});

describe("transform in a worker thread", () => {
  it("transformInWorker gives exactly the in-process table (100,000 rows, through structured clone with transfer)", async () => {
    const main = await simulated({ seed: 7, groups: 500, groupSize: 200, slopeSD: 0.3 });
    const tables = { main, sim: main } as PipelineTables;
    const steps: PipelineStep[] = [
      { groupby: ["group"] },
      { derive: { x_c: "d => d.x - op.mean(d.x)" } },
      { ungroup: true },
      { filter: "d => op.abs(d.y) < 50" },
      { select: ["group", "x_c", "y"] },
      { rename: { y: "score" } },
    ];
    const there = await transformInWorker(tables, steps, "steps", new AbortController().signal);
    expect(there.numRows()).toBe(100_000);
    expectSameTable(there, runPipeline(tables, steps));
  });

  it("a pipeline error in the worker rejects with the in-process message", async () => {
    const main = mixedTable(100);
    const steps: PipelineStep[] = [{ select: ["nope"] }];
    const message = (() => {
      try {
        runPipeline({ main } as PipelineTables, steps);
      } catch (err) {
        return (err as Error).message;
      }
    })();
    await expect(transformInWorker({ main } as PipelineTables, steps, "steps", new AbortController().signal)).rejects.toThrow(message);
  });

  it("aborting the signal (a newer value) cancels the pipeline in flight", async () => {
    const main = await simulated({ seed: 2, groups: 500, groupSize: 400 });
    const controller = new AbortController();
    const steps: PipelineStep[] = [{ groupby: ["group"] }, { derive: { r: "d => op.rank()", c: "d => op.cume_dist()" } }, { orderby: ["x"] }];
    const run = transformInWorker({ main } as PipelineTables, steps, "steps", controller.signal);
    setTimeout(() => controller.abort(new Error('cell "t" was superseded')), 20);
    await expect(run).rejects.toMatchObject({ name: "AbortError", message: 'cell "t" was superseded' });
  });
});

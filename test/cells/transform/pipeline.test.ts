import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { PipelineError, runPipeline, validateSteps, type PipelineStep } from "../../../src/cells/transform/core";

const main = aq.table({
  group: ["a", "a", "b", "b", "c"],
  x: [1, 2, 3, 4, 5],
  y: [2, 4, 5, 9, 10],
});
const info = aq.table({ group: ["a", "b", "d"], label: ["Alpha", "Beta", "Delta"] });

const run = (steps: PipelineStep[]) => runPipeline({ main, info }, steps);

describe("runPipeline(tables, steps)", () => {
  it("runPipeline({main}, []) returns the table unchanged", () => {
    expect(runPipeline({ main }, []).objects()).toEqual(main.objects());
  });

  it("runPipeline(tables, [{filter}]) keeps matching rows", () => {
    expect(run([{ filter: "d => d.x > 2" }]).array("x")).toEqual([3, 4, 5]);
  });

  it("runPipeline(tables, [{groupby}, {derive}]) centres x within groups", () => {
    const t = run([{ groupby: ["group"] }, { derive: { xc: "d => d.x - op.mean(d.x)" } }]);
    expect(Array.from(t.array("xc"))).toEqual([-0.5, 0.5, -0.5, 0.5, 0]);
    expect(t.isGrouped()).toBe(true);
  });

  it("runPipeline(tables, [{select}, {rename}]) picks and renames columns", () => {
    const t = run([{ select: ["x", "group"] }, { rename: { x: "days" } }]);
    expect(t.columnNames()).toEqual(["days", "group"]);
  });

  it("runPipeline(tables, [{groupby}, {rollup}]) summarises per group", () => {
    const t = run([{ groupby: ["group"] }, { rollup: { n: "d => op.count()", ybar: "d => op.mean(d.y)" } }]);
    expect(t.objects()).toEqual([
      { group: "a", n: 2, ybar: 3 },
      { group: "b", n: 2, ybar: 7 },
      { group: "c", n: 1, ybar: 10 },
    ]);
  });

  it("runPipeline(tables, [{orderby: [{desc}]}]) sorts descending", () => {
    expect(run([{ orderby: [{ desc: "y" }] }]).array("y")).toEqual([10, 9, 5, 4, 2]);
    expect(run([{ orderby: ["group", { desc: "x" }] }]).array("x")).toEqual([2, 1, 4, 3, 5]);
  });

  it("runPipeline(tables, [{join}]) joins another input by key, predicate and how", () => {
    const inner = run([{ join: { table: "info", on: ["group"] } }]);
    expect(inner.numRows()).toBe(4);
    expect(inner.array("label")).toEqual(["Alpha", "Alpha", "Beta", "Beta"]);
    const left = run([{ join: { table: "info", on: "group", how: "left" } }]);
    expect(left.numRows()).toBe(5);
    expect(left.get("label", 4)).toBeUndefined();
    const full = run([{ join: { table: "info", how: "full" } }]);
    expect(full.numRows()).toBe(6);
    const pred = run([{ join: { table: "info", predicate: "(a, b) => a.group === b.group && a.x > 1" } }]);
    expect(pred.numRows()).toBe(3);
    expect(pred.columnNames()).toContain("group_1");
    const renamed = runPipeline(
      { main, other: info.rename({ group: "g" }) },
      [{ join: { table: "other", on: { left: ["group"], right: ["g"] } } }],
    );
    expect(renamed.numRows()).toBe(4);
  });

  it("runPipeline(tables, [{sample: {n, seed}}]) is seeded and reproducible", () => {
    const big = aq.table({ i: Array.from({ length: 100 }, (_, k) => k) });
    const a = runPipeline({ main: big }, [{ sample: { n: 10, seed: 3 } }]).array("i");
    const b = runPipeline({ main: big }, [{ sample: { n: 10, seed: 3 } }]).array("i");
    const c = runPipeline({ main: big }, [{ sample: { n: 10, seed: 4 } }]).array("i");
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(new Set(a).size).toBe(10);
    expect([...a]).toEqual([...a].sort((u, v) => u - v)); // original order kept
    const boot = runPipeline({ main: big }, [{ sample: { n: 200, seed: 1, replace: true } }]);
    expect(boot.numRows()).toBe(200);
    const perGroup = run([{ groupby: ["group"] }, { sample: { n: 1, seed: 9 } }]);
    expect(perGroup.numRows()).toBe(3);
    expect(perGroup.isGrouped()).toBe(true);
    expect(run([{ sample: { frac: 0.4, seed: 2 } }]).numRows()).toBe(2);
  });

  it("runPipeline(tables, [{fold}, {pivot}]) reshapes long and back to wide", () => {
    const long = run([{ select: ["group", "x", "y"] }, { derive: { id: "d => op.row_number()" } }, { fold: { columns: ["x", "y"], as: ["var", "val"] } }]);
    expect(long.numRows()).toBe(10);
    expect(long.columnNames()).toEqual(["group", "id", "var", "val"]);
    const wide = runPipeline({ main: long }, [{ groupby: ["id"] }, { pivot: { keys: ["var"], values: ["val"] } }]);
    expect(wide.objects()[0]).toEqual({ id: 1, x: 1, y: 2 });
    const agg = run([{ pivot: { keys: ["group"], values: { ysum: "d => op.sum(d.y)" } } }]);
    expect(agg.objects()).toEqual([{ a: 6, b: 14, c: 10 }]);
  });

  it("runPipeline(tables, [{dedupe}, {slice}]) removes duplicates and slices", () => {
    expect(run([{ dedupe: ["group"] }]).array("x")).toEqual([1, 3, 5]);
    expect(run([{ slice: { start: 1, end: 3 } }]).array("x")).toEqual([2, 3]);
    expect(run([{ slice: { start: -2 } }]).array("x")).toEqual([4, 5]);
    expect(run([{ groupby: ["group"] }, { ungroup: true }]).isGrouped()).toBe(false);
  });

  it("runPipeline refuses hostile expressions with the step path and the expression", () => {
    const cases: [PipelineStep[], string][] = [
      [[{ filter: "d => d.x > 0" }, { filter: "d => d.x > 1" }, { derive: { z: "d => fetch('http://x')" } }],
        `steps[2].derive.z: unknown function "fetch" in "d => fetch('http://x')"`],
      [[{ derive: { z: "d => globalThis.process" } }], 'steps[0].derive.z: "globalThis" is not allowed'],
      [[{ filter: "d => d.constructor.constructor('return this')()" }], 'steps[0].filter: "constructor" is not allowed'],
      [[{ rollup: { n: "d => (function(){return 1})()" } }], "steps[0].rollup.n: "],
      [[{ derive: { z: "d => this" } }], 'steps[0].derive.z: "this" is not allowed'],
      [[{ derive: { z: "d => d.__proto__" } }], 'steps[0].derive.z: "__proto__" is not allowed'],
      [[{ join: { table: "info", predicate: "(a, b) => globalThis" } }], 'steps[0].join.predicate: "globalThis" is not allowed'],
      [[{ pivot: { keys: ["group"], values: { v: "d => op.sum(d.y.constructor)" } } }], "steps[0].pivot.values.v: "],
    ];
    for (const [steps, message] of cases) {
      expect(() => run(steps)).toThrow(PipelineError);
      expect(() => run(steps)).toThrow(message);
    }
  });

  it("runPipeline reports bad shapes, unknown columns and unknown tables by path", () => {
    expect(() => run([{ select: ["nope"] } as PipelineStep])).toThrow('steps[0].select: unknown column "nope" (columns: group, x, y)');
    expect(() => run([{ filter: "d => d.nope > 1" }])).toThrow('steps[0].filter: unknown column "d.nope" in "d => d.nope > 1"');
    expect(() => run([{ join: { table: "missing", on: "group" } }])).toThrow('steps[0].join.table: unknown table "missing" (inputs: info)');
    expect(() => run([{ rollup: { m: "d => d.x" } }])).toThrow("steps[0].rollup.m: the column reference");
    expect(() => run([{ mutate: {} } as never])).toThrow('steps[0]: unknown verb "mutate"');
    expect(() => run([JSON.parse('{"derive": {"__proto__": "d => 1"}}')])).toThrow('steps[0].derive.__proto__: "__proto__" is not allowed as a column name');
    expect(() => runPipeline({} as never, [])).toThrow('the pipeline needs an input table called "main"');
  });

  it("validateSteps(steps) lists every problem with its path", () => {
    const issues = validateSteps([
      { filter: "d => d.x > 0", select: ["x"] },
      { derive: { z: "d => eval('1')" } },
      { sample: { n: 3 } },
      { orderby: [] },
      { join: { table: "main" } },
      { slice: { start: 1.5 } },
    ]);
    expect(issues.map((i) => i.path)).toEqual([
      "steps[0]",
      "steps[1].derive.z",
      "steps[2].sample.seed",
      "steps[3].orderby",
      "steps[4].join.table",
      "steps[5].slice.start",
    ]);
    expect(issues[1].message).toBe(`unknown function "eval" in "d => eval('1')"`);
    expect(validateSteps("nope")).toEqual([{ path: "steps", message: "expected an array of steps" }]);
  });
});

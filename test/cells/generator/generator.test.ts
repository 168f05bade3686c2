import { describe, expect, it } from "vitest";
import type { Issue } from "../../../src/cells/schema";
import { createCellRegistry } from "../../../src/cells/registry";
import { generator, resolveOptions } from "../../../src/cells/generator";
import { transform } from "../../../src/cells/transform";
import { parameter } from "../../../src/cells/parameter";
import { runHeadless } from "../../../src/engine";

const ctx = () => {
  const controller = new AbortController();
  return { cellId: "gen", signal: controller.signal, invalidation: new Promise<void>(() => {}) };
};

describe("generator cell", () => {
  it("generator.config.parse({}) fills every default; unknown keys and bad values are refused by path", () => {
    const issues: Issue[] = [];
    const config = generator.config.parse({}, "config", issues)!;
    expect(issues).toEqual([]);
    expect(config.groups).toBe(10);
    expect(config.family).toBe("gaussian");
    const bad: Issue[] = [];
    generator.config.parse({ groups: 0, famliy: "poisson", bind: { nope: "x" } }, "config", bad);
    expect(bad.map((i) => i.path)).toEqual(["config.famliy", "config.groups", "config.bind.nope"]);
    expect(generator.check!({ ...config, tinyGroup: 1, groups: 1 })).toEqual([
      { path: "tinyGroup", message: "tinyGroup needs at least 2 groups, got groups = 1" },
    ]);
  });

  it("generator.compute(config, inputs) returns data, truth, parameters and groups tables", async () => {
    const config = generator.config.parse({ seed: 3, groups: 4, groupSize: 5, family: "binomial", trials: 3 }, "config", [])!;
    const value = await generator.compute(config, [], ctx());
    expect(value.data.columnNames()).toEqual(["group", "x", "y", "trials"]);
    expect(value.data.numRows()).toBe(20);
    expect(value.truth.numRows()).toBe(8);
    expect(value.truth.objects()[1]).toMatchObject({ group: "G01", term: "x", n: 5 });
    expect(value.parameters.array("parameter")).toEqual(["gamma00", "gamma10", "tau0", "tau1", "rho"]);
    expect(generator.summary(value, config)).toMatchObject({ rows: 20, groups: 4, family: "binomial", seed: 3 });
    expect(Object.keys(generator.tables!(value, config))).toEqual(["main", "truth", "parameters", "groups"]);
  });

  it("resolveOptions(config, inputs) applies bind entries and inputs named after options, and refuses bad values", () => {
    const config = generator.config.parse({ bind: { confounding: "kappa" } }, "config", [])!;
    const o = resolveOptions(config, [
      { id: "kappa", type: "parameter", value: 1.5 },
      { id: "groups", type: "parameter", value: 7 },
    ]);
    expect(o.confounding).toBe(1.5);
    expect(o.groups).toBe(7);
    expect(() => resolveOptions(config, [])).toThrow('bind.confounding: "kappa" is not an input of this cell');
    expect(() => resolveOptions(config, [{ id: "kappa", type: "parameter", value: 9 }])).toThrow("confounding must be a number in -5..5, got 9");
  });

  it("runHeadless(slider → generator → transform) computes the chain from data only", async () => {
    const registry = createCellRegistry([parameter, generator, transform]);
    const doc = {
      format: "pooling-workbench",
      version: 1,
      title: "Simpson",
      cells: [
        { id: "confounding", type: "parameter", config: { control: "slider", min: 0, max: 2, step: 0.1, value: 1 }, inputs: [] },
        { id: "sim", type: "generator", config: { seed: 2026, groups: 8, groupSize: 25, interceptSD: 4, slopeSD: 0.2, sigma: 0.5 }, inputs: ["confounding"] },
        {
          id: "means",
          type: "transform",
          config: { steps: [{ groupby: ["group"] }, { rollup: { n: "d => op.count()", xbar: "d => op.mean(d.x)" } }] },
          inputs: ["sim"],
        },
        { id: "copy", type: "transform", config: { steps: [{ derive: { z: "d => d.x" } }] }, inputs: ["sim"] },
      ],
    };
    const { result, engine } = await runHeadless(doc, { registry });
    try {
      const byId = Object.fromEntries(result.cells.map((c) => [c.id, c]));
      expect(byId.sim.status).toBe("fulfilled");
      expect(byId.sim.summary).toMatchObject({ rows: 200, groups: 8 });
      expect(byId.means.summary).toMatchObject({ rows: 8, columns: ["group", "n", "xbar"] });
    } finally {
      engine.dispose?.();
    }
    const hostile = { ...doc, cells: [doc.cells[1], { ...doc.cells[3], config: { steps: [{ derive: { z: "d => globalThis.process" } }] } }] };
    await expect(runHeadless(hostile, { registry })).rejects.toThrow('cells[1].config.steps[0].derive.z: "globalThis" is not allowed');
  });
});

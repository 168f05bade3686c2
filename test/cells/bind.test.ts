import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine";
import type { PlotValue } from "../../src/cells/plot";

const doc = {
  format: "pooling-workbench",
  version: 1,
  title: "bindings",
  cells: [
    { id: "family", type: "parameter", config: { control: "select", options: ["gaussian", "binomial"], value: "gaussian" }, inputs: [] },
    { id: "slopeSD", type: "parameter", config: { control: "slider", min: 0, max: 2, step: 0.1, value: 0.5 }, inputs: [] },
    { id: "sim", type: "generator", config: { seed: 3, groups: 6, groupSize: 10 }, inputs: ["slopeSD"] },
    { id: "fit", type: "model", config: { formula: "y ~ x + (1 | group)" }, inputs: ["sim"] },
    { id: "coefTable", type: "table", config: { table: "coefs", maxRows: 5 }, inputs: ["fit"] },
    { id: "truth", type: "table", config: { table: "truth" }, inputs: ["sim"] },
    { id: "simData", type: "table", config: {}, inputs: ["sim"] },
    { id: "missing", type: "table", config: { table: "nope" }, inputs: ["fit"] },
    { id: "sandbox", type: "plot", config: { preset: "sandbox", bind: { family: "family" } }, inputs: ["fit", "family"] },
  ],
};

describe("option bindings and named tables", () => {
  it("table {table: name} shows a named table of a model or generator value", async () => {
    const engine = createEngine(doc);
    await engine.settled();
    expect(engine.summary("coefTable")).toMatchObject({ rows: 18 });
    expect(engine.summary("truth")).toMatchObject({ rows: 12 });
    expect(engine.summary("simData")).toMatchObject({ rows: 60 });
    expect(engine.run("missing")!.error).toBe('input "fit" (model) has no table "nope"');
    engine.dispose();
  });

  it("plot {bind: {family}} takes the preset option from a parameter cell", async () => {
    const engine = createEngine(doc);
    await engine.settled();
    const before = JSON.stringify((engine.run("sandbox")!.value as PlotValue).spec);
    engine.setParameter("family", "binomial");
    await engine.settled();
    // Only the chart's option moves; the data stay gaussian.
    const after = engine.run("sandbox")!;
    expect(after.status).toBe("fulfilled");
    expect(JSON.stringify((after.value as PlotValue).spec)).not.toBe(before);
    engine.dispose();
  });

  it("plot bind naming an option the preset lacks is refused when the file opens", () => {
    const bad = structuredClone(doc);
    (bad.cells[8]!.config as { bind: Record<string, string> }).bind = { colour: "family" };
    expect(() => createEngine(bad)).toThrow(/cells\[8\]\.config\.bind\.colour: the sandbox chart has no option "colour"/);
  });
});

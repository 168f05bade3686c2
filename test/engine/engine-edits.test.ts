import { afterEach, describe, expect, it } from "vitest";
import { createEngine, runHeadless, type Engine } from "../../src/engine";
import { createProbe, slider, testRegistry } from "./helpers/test-types";

let engine: Engine | undefined;
afterEach(() => engine?.dispose());
const registry = testRegistry(createProbe());

const doc = () => ({
  format: "pooling-workbench",
  version: 1,
  title: "edits",
  cells: [slider("p", 1), { id: "a", type: "count", config: {}, inputs: ["p"] }],
  sheets: [{ name: "Main", cells: ["p", "a"] }],
  layout: { cells: { a: { x: 10, y: 20 } } },
});

describe("engine edits", () => {
  it("engine.addCell(cell, {sheet: 0}) fills the type's defaults and lists it on the sheet", async () => {
    engine = createEngine(doc(), { registry });
    engine.addCell({ id: "b", type: "count", inputs: ["a"] }, { sheet: 0 });
    expect(engine.doc.cells[2]).toEqual({ id: "b", type: "count", config: { add: 0 }, inputs: ["a"] });
    expect(engine.doc.sheets[0]!.cells).toEqual(["p", "a", "b"]);
    await engine.settled();
    expect(engine.run("b")).toMatchObject({ status: "fulfilled", value: 1 });
    expect(engine.upstream("b")).toEqual(new Set(["a", "p"]));
  });

  it("engine.removeCell(a) drops it from sheets and layout; the old document object is untouched", async () => {
    engine = createEngine(doc(), { registry });
    const before = engine.doc;
    engine.removeCell("a");
    expect(engine.doc.sheets[0]!.cells).toEqual(["p"]);
    expect(engine.doc.layout.cells).toEqual({});
    expect(before.cells.map((c) => c.id)).toEqual(["p", "a"]);
    expect(before.layout.cells).toEqual({ a: { x: 10, y: 20 } });
    await engine.settled();
    expect([...engine.runs().keys()]).toEqual(["p"]);
  });

  it("engine.setParameter(p, '7') parses text like --set does and updates the saved config", async () => {
    engine = createEngine(doc(), { registry });
    engine.setParameter("p", "7");
    expect(engine.doc.cells[0]!.config).toMatchObject({ value: 7 });
    await engine.settled();
    expect(engine.run("a")!.value).toBe(7);
    expect(engine.summary("a")).toBe(7);
    expect(engine.summary("missing")).toBeNull();
  });

  it("runHeadless(doc, {values}) applies values before the first run", async () => {
    const { result, engine: e } = await runHeadless(doc(), { registry, values: [["p", 4]] });
    e.dispose();
    expect(result.cells).toEqual([
      { id: "p", type: "parameter", status: "fulfilled", error: null, summary: 4 },
      { id: "a", type: "count", status: "fulfilled", error: null, summary: 4 },
    ]);
  });
});

describe("engine listeners", () => {
  it("engine.subscribe(listener that throws) does not break the run", async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args[0]);
    try {
      engine = createEngine(doc(), { registry });
      engine.subscribe(() => {
        throw new Error("listener bug");
      });
      await engine.settled();
      expect(engine.run("a")).toMatchObject({ status: "fulfilled", value: 1 });
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      console.error = original;
    }
  });
});

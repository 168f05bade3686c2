// Cells read through `resolve` (CellType.readsResolved): a reader starts from its input's resolve
// without waiting for the input's compute, a failing resolve blocks the reader by that input, and
// an input read only so is not needed on screen.
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../src/engine";
import { createCellRegistry, defineCellType } from "../../src/cells/registry";
import { number, object, optional, string } from "../../src/cells/schema";
import { parameter } from "../../src/cells/parameter";
import { fulfilled, slider, workbench } from "./helpers/test-types";

let engine: Engine | undefined;
afterEach(() => engine?.dispose());

const computes = new Map<string, number>();
const sum = (values: readonly unknown[]): number =>
  values.reduce<number>((s, v) => s + (typeof v === "number" ? v : typeof (v as { spec?: unknown })?.spec === "number" ? (v as { spec: number }).spec : 0), 0);

/**
 * `spec`: its resolve is `{ spec: add + inputs }` (inputs resolved where they can be), cheap; its
 * compute takes `ms` (or never ends with ms < 0) and is counted. An empty `bad` resolves; any other
 * makes resolve throw it.
 */
const spec = defineCellType({
  name: "spec",
  title: "Spec",
  description: "a cell with a cheap resolve and a slow compute",
  config: object({ add: optional(number(), 0), ms: optional(number(), 0), bad: optional(string(), "") }),
  defaults: { add: 0, ms: 0, bad: "" },
  inputs: { min: 0, max: 10 },
  resolve(config, inputs) {
    if (config.bad) throw new Error(config.bad);
    return { spec: (config.add ?? 0) + sum(inputs.map((i) => i.value)) };
  },
  compute(config, inputs, context) {
    computes.set(context.cellId, (computes.get(context.cellId) ?? 0) + 1);
    if (config.bad) throw new Error(config.bad);
    const value = { spec: (config.add ?? 0) + sum(inputs.map((i) => i.value)), computed: true };
    if ((config.ms ?? 0) < 0) return new Promise<never>(() => {});
    return new Promise((resolve) => setTimeout(() => resolve(value), config.ms ?? 0));
  },
  summary: () => null,
});

/** `reader`: reads `spec` inputs through their resolve; its value lists what it was handed. */
const reader = defineCellType({
  name: "reader",
  title: "Reader",
  description: "reads spec cells resolved",
  config: object({}),
  defaults: {},
  inputs: { min: 1, max: 10 },
  readsResolved: ["spec"],
  compute(_config, inputs, context) {
    computes.set(context.cellId, (computes.get(context.cellId) ?? 0) + 1);
    return inputs.map((i) => ({ id: i.id, type: i.type, value: i.value }));
  },
  summary: () => null,
});

const registry = createCellRegistry([parameter, spec, reader]);

/** p → a (spec) → b (spec) → r (reader of b); p → r too (a value). */
function chain(b: Record<string, unknown> = {}) {
  return workbench([
    slider("p", 1),
    { id: "a", type: "spec", config: { add: 10, ms: 0 }, inputs: ["p"] },
    { id: "b", type: "spec", config: { add: 100, ms: -1, ...b }, inputs: ["a"] },
    { id: "r", type: "reader", config: {}, inputs: ["b", "p"] },
  ] as never);
}


describe("reading an input through its resolve", () => {
  it("a reader is handed the input's resolve (chained through a resolve-able input) while the input's own compute is still running", async () => {
    computes.clear();
    engine = createEngine(chain(), { registry });
    await fulfilled(engine, "r");
    // b's compute never ends; r has b's resolve, which read a's resolve (10 + p), not a's value.
    expect(engine.run("b")!.status).toBe("pending");
    expect(engine.run("r")!.value).toEqual([
      { id: "b", type: "spec", value: { spec: 111 } },
      { id: "p", type: "parameter", value: 1 },
    ]);
    engine.setParameter("p", 5);
    await fulfilled(engine, "r");
    expect((engine.run("r")!.value as { value: unknown }[])[0]!.value).toEqual({ spec: 115 });
    expect(engine.run("b")!.status).toBe("pending");
  });

  it("a resolve that throws blocks the reader by that input, and the input itself fails with the same message", async () => {
    engine = createEngine(chain({ bad: "no such formula", ms: 0 }), { registry });
    await engine.settled();
    expect(engine.run("b")).toMatchObject({ status: "rejected", error: "no such formula" });
    expect(engine.run("r")).toMatchObject({ status: "rejected", blockedBy: "b" });
    // Mended, the reader runs again.
    engine.setConfig("b", { add: 100, ms: 0, bad: "" });
    await engine.settled();
    expect(engine.run("r")!.status).toBe("fulfilled");
  });

  it("an input read only through its resolve is not needed on screen: while a focused reader follows a drag it waits for the pause", async () => {
    computes.clear();
    engine = createEngine(chain({ ms: 0 }), { registry, offScreenQuietMs: 1000 });
    await engine.settled();
    engine.setFocus(["r"]);
    computes.clear();
    for (const v of [2, 3, 4]) {
      engine.setParameter("p", v, { draft: true });
      await fulfilled(engine, "r");
      await new Promise((r) => setTimeout(r, 120));
      expect(engine.run("b")!.status).toBe("pending");
    }
    expect(computes.get("r")).toBe(3);
    // Neither b nor a (read only by b's resolve and by nothing on screen) computed during the drag.
    expect(computes.get("b") ?? 0).toBe(0);
    expect(computes.get("a") ?? 0).toBe(0);
    engine.endDraft();
    await engine.settled();
    expect(computes.get("b")).toBe(1);
    expect(engine.run("b")!.value).toEqual({ spec: 114, computed: true });
  });

  it("the registry refuses a readsResolved that is not a list of type names", () => {
    expect(() => createCellRegistry([{ ...reader, readsResolved: "spec" as never }])).toThrow(/readsResolved must be a list of cell type names/);
  });
});

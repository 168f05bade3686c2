import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../src/engine";
import { createProbe, slider, testRegistry, workbench } from "./helpers/test-types";

let engine: Engine | undefined;
afterEach(() => engine?.dispose());

const probe = createProbe();
const registry = testRegistry(probe);

/** p, c1..c48 each reading the previous, and an unrelated parameter q with one reader: 51 cells. */
function chain() {
  const cells = [slider("p", 1)];
  for (let k = 1; k <= 48; k++) cells.push({ id: `c${k}`, type: "count", config: { add: 1 }, inputs: [k === 1 ? "p" : `c${k - 1}`] } as never);
  cells.push(slider("q", 5), { id: "side", type: "count", inputs: ["q"] } as never);
  return workbench(cells);
}

/** t (parameter), then 16 diamonds left_k/right_k -> join_k, plus q -> side: 51 cells. */
function diamonds() {
  const cells: ReturnType<typeof workbench>["cells"] = [slider("t", 1) as never];
  let top = "t";
  for (let k = 1; k <= 16; k++) {
    cells.push({ id: `left${k}`, type: "count", config: { add: 0 }, inputs: [top] } as never);
    cells.push({ id: `right${k}`, type: "count", config: { add: 0 }, inputs: [top] } as never);
    cells.push({ id: `join${k}`, type: "count", config: { add: 0 }, inputs: [`left${k}`, `right${k}`] } as never);
    top = `join${k}`;
  }
  cells.push(slider("q", 5) as never, { id: "side", type: "count", inputs: ["q"] } as never);
  return workbench(cells as never);
}

function expectCalls(expected: Iterable<string>) {
  const want = Object.fromEntries([...expected].map((id) => [id, 1]));
  expect(Object.fromEntries(probe.calls)).toEqual(want);
}

describe("engine recomputation", () => {
  it("createEngine(chain of 50) computes every cell once", async () => {
    probe.reset();
    engine = createEngine(chain(), { registry });
    await engine.settled();
    expect(probe.calls.size).toBe(49);
    expect([...probe.calls.values()].every((n) => n === 1)).toBe(true);
    expect(engine.run("c48")).toMatchObject({ status: "fulfilled", value: 49 });
  });

  it("engine.setParameter(p) in a chain recomputes exactly the cells downstream of p, once each", async () => {
    engine = createEngine(chain(), { registry });
    await engine.settled();
    probe.reset();
    engine.setParameter("p", 10);
    await engine.settled();
    expectCalls(engine.downstream("p"));
    expect(probe.calls.size).toBe(48);
    expect(engine.run("c48")!.value).toBe(58);
    expect(engine.run("side")!.runs).toBe(1);
  });

  it("engine.setConfig(c25) recomputes c25 and the cells after it only", async () => {
    engine = createEngine(chain(), { registry });
    await engine.settled();
    probe.reset();
    engine.setConfig("c25", { add: 101 });
    await engine.settled();
    expectCalls(["c25", ...engine.downstream("c25")]);
    expect(probe.calls.size).toBe(24);
    expect(engine.run("c48")!.value).toBe(149);
  });

  it("engine.setParameter(t) in a diamond recomputes each join once although both its inputs changed", async () => {
    engine = createEngine(diamonds(), { registry });
    await engine.settled();
    expect(engine.run("join16")!.value).toBe(2 ** 16);
    probe.reset();
    engine.setParameter("t", 2);
    await engine.settled();
    expectCalls(engine.downstream("t"));
    expect(probe.calls.size).toBe(48);
    expect(engine.run("join16")!.value).toBe(2 ** 17);
  });

  it("engine.setConfig(join8) in a diamond leaves the upper half and unrelated cells alone", async () => {
    engine = createEngine(diamonds(), { registry });
    await engine.settled();
    probe.reset();
    engine.setConfig("join8", { add: 1 });
    await engine.settled();
    expectCalls(["join8", ...engine.downstream("join8")]);
    expect(probe.calls.size).toBe(25);
  });

  it("engine.setParameter(q) recomputes only q's reader", async () => {
    engine = createEngine(diamonds(), { registry });
    await engine.settled();
    probe.reset();
    engine.setParameter("q", 7);
    await engine.settled();
    expectCalls(["side"]);
    expect(engine.run("side")!.value).toBe(7);
  });

  it("engine.subscribe(listener) sees pending then fulfilled for a recomputed cell", async () => {
    engine = createEngine(workbench([slider("p", 1), { id: "a", type: "count", inputs: ["p"] }]), { registry });
    await engine.settled();
    const seen: string[] = [];
    const stop = engine.subscribe((id, run) => seen.push(`${id}:${run.status}`));
    engine.setParameter("p", 3);
    await engine.settled();
    stop();
    expect(seen).toEqual(["p:pending", "a:pending", "p:fulfilled", "a:fulfilled"]);
  });
});

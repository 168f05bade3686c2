import { afterEach, describe, expect, it } from "vitest";
import { createEngine, WorkbenchError, type Engine } from "../../src/engine";
import { createProbe, slider, testRegistry, workbench } from "./helpers/test-types";

let engine: Engine | undefined;
afterEach(() => engine?.dispose());
const probe = createProbe();
const registry = testRegistry(probe);

describe("engine errors", () => {
  it("a throwing cell is rejected with its message; siblings stay fulfilled; dependents are blocked by it", async () => {
    engine = createEngine(
      workbench([
        slider("p", 2),
        { id: "bad", type: "fail", config: { message: "singular fit" }, inputs: ["p"] },
        { id: "sibling", type: "count", inputs: ["p"] },
        { id: "child", type: "count", inputs: ["bad"] },
        { id: "grandchild", type: "count", inputs: ["child", "sibling"] },
      ]),
      { registry },
    );
    await engine.settled();
    expect(engine.run("bad")).toMatchObject({ status: "rejected", error: "singular fit", blockedBy: null });
    expect(engine.run("sibling")).toMatchObject({ status: "fulfilled", value: 2 });
    expect(engine.run("child")).toMatchObject({ status: "rejected", error: "blocked by bad", blockedBy: "bad" });
    // The root cause, not the direct input, is named two levels down.
    expect(engine.run("grandchild")).toMatchObject({ status: "rejected", error: "blocked by bad", blockedBy: "bad" });
  });

  it("engine.setInputs(child, [p]) unblocks a cell that read a failing cell", async () => {
    engine = createEngine(workbench([slider("p", 2), { id: "bad", type: "fail", config: { message: "x" } }, { id: "child", type: "count", inputs: ["bad", "p"] }]), { registry });
    await engine.settled();
    expect(engine.run("child")!.status).toBe("rejected");
    engine.setInputs("child", ["p"]);
    await engine.settled();
    expect(engine.run("child")).toMatchObject({ status: "fulfilled", value: 2, error: null, blockedBy: null });
  });

  it("engine.removeCell(child) then addCell(child) gives a fresh run; removed cells report nothing", async () => {
    engine = createEngine(workbench([slider("p", 2), { id: "child", type: "count", config: { add: 1 }, inputs: ["p"] }]), { registry });
    await engine.settled();
    const seen: string[] = [];
    engine.subscribe((id, run) => seen.push(`${id}:${run.status}`));
    engine.removeCell("child");
    await engine.settled();
    expect(engine.run("child")).toBeUndefined();
    expect(seen).toEqual([]);
    engine.addCell({ id: "child", type: "count", inputs: ["p"] });
    await engine.settled();
    expect(engine.run("child")).toMatchObject({ status: "fulfilled", value: 2, runs: 1 });
  });

  it("engine.setInputs(a, [c]) refuses a cycle naming it and changes nothing", async () => {
    engine = createEngine(workbench([{ id: "a", type: "count" }, { id: "b", type: "count", inputs: ["a"] }, { id: "c", type: "count", inputs: ["b"] }]), { registry });
    await engine.settled();
    const before = engine.doc;
    expect(() => engine!.setInputs("a", ["c"])).toThrow("cycle: a -> b -> c -> a");
    expect(engine.doc).toBe(before);
    expect(engine.run("c")!.status).toBe("fulfilled");
  });

  it("engine.setConfig(id, bad config) throws a WorkbenchError with the config path", async () => {
    engine = createEngine(workbench([slider("p", 2)]), { registry });
    try {
      engine.setConfig("p", { control: "slider", min: 0, max: 10, value: 11 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WorkbenchError);
      expect((error as WorkbenchError).message).toBe("cells[0].config.value: 11 is outside the range [0, 10]");
    }
    expect(() => engine!.setParameter("p", "many")).toThrow('cells[0].config.value: a slider needs a number, got "many"');
    await engine.settled();
    expect(engine.run("p")!.value).toBe(2);
  });

  it("engine.addCell refuses unknown inputs and types; removeCell refuses a cell others read", async () => {
    engine = createEngine(workbench([slider("p", 2), { id: "a", type: "count", inputs: ["p"] }]), { registry });
    expect(() => engine!.addCell({ id: "b", type: "count", inputs: ["pp"] })).toThrow('cells[2].inputs[0]: no cell with id "pp" (did you mean "p"?)');
    expect(() => engine!.addCell({ id: "b", type: "plott" })).toThrow('cells[2].type: unknown cell type "plott"');
    expect(() => engine!.addCell({ id: "a", type: "count" })).toThrow('cells[2].id: duplicate id "a" (also cells[1])');
    expect(() => engine!.removeCell("p")).toThrow('cannot remove "p": read by "a"');
    await engine.settled();
    expect(engine.doc.cells.map((c) => c.id)).toEqual(["p", "a"]);
  });

  it("a running compute's signal aborts when its input changes, and only the latest value lands", async () => {
    probe.reset();
    engine = createEngine(workbench([slider("p", 1), { id: "s", type: "slow", config: { ms: 200 }, inputs: ["p"] }]), { registry });
    await new Promise((r) => setTimeout(r, 20)); // s is now waiting on its timer
    engine.setParameter("p", 9);
    await engine.settled();
    expect(probe.aborted).toEqual(["s"]);
    expect(engine.run("s")).toMatchObject({ status: "fulfilled", value: 9 });
  });

  it("engine.dispose() aborts running computes", async () => {
    probe.reset();
    engine = createEngine(workbench([{ id: "s", type: "slow", config: { ms: 10_000 } }]), { registry });
    await new Promise((r) => setTimeout(r, 20));
    engine.dispose();
    await new Promise((r) => setTimeout(r, 0));
    expect(probe.aborted).toEqual(["s"]);
    await engine.settled(); // returns at once after dispose
  });
});

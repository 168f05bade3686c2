import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../src/engine";
import { createProbe, slider, testRegistry, workbench } from "./helpers/test-types";

let engine: Engine | undefined;
afterEach(() => engine?.dispose());

const probe = createProbe();
const registry = testRegistry(probe);
const doc = () => workbench([slider("p", 1), { id: "a", type: "count", config: { add: 1 }, inputs: ["p"] }, slider("q", 2), { id: "b", type: "count", inputs: ["q"] }] as never);

describe("engine drafts (a slider drag)", () => {
  it("computes after setParameter(draft) see draft = true and their previous value; endDraft recomputes them exactly, once", async () => {
    engine = createEngine(doc(), { registry });
    await engine.settled();
    probe.reset();
    engine.setParameter("p", 5, { draft: true });
    await engine.settled();
    engine.setParameter("p", 6, { draft: true });
    await engine.settled();
    expect(probe.contexts).toEqual([
      { id: "a", draft: true, previous: 2 },
      { id: "a", draft: true, previous: 6 },
    ]);
    probe.reset();
    engine.endDraft();
    await engine.settled();
    expect(probe.contexts).toEqual([{ id: "a", draft: false, previous: 7 }]);
    expect(engine.run("a")!.value).toBe(7);
    expect(engine.run("b")!.runs).toBe(1); // q was not part of the drag
  });

  it("a draft and its end in the same task make one exact pass; plain setParameter is never a draft", async () => {
    engine = createEngine(doc(), { registry });
    await engine.settled();
    probe.reset();
    engine.setParameter("p", 3, { draft: true });
    engine.endDraft();
    await engine.settled();
    engine.setParameter("p", 4);
    await engine.settled();
    expect(probe.contexts.map((c) => c.draft)).toEqual([false, false]);
    probe.reset();
    engine.endDraft(); // nothing drafted: nothing recomputes
    await engine.settled();
    expect(probe.contexts).toEqual([]);
  });
});

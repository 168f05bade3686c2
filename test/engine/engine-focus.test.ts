import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../src/engine";
import { createProbe, fulfilled, slider, testRegistry, workbench } from "./helpers/test-types";

let engine: Engine | undefined;
afterEach(() => engine?.dispose());

const probe = createProbe();
const QUIET_MS = 1000;
const registry = testRegistry(probe);

/** p feeds `shown` (on screen, through `mid`) and `hidden` (off screen). */
function forked() {
  return workbench([
    slider("p", 1),
    { id: "mid", type: "count", config: { add: 1 }, inputs: ["p"] },
    { id: "shown", type: "count", config: { add: 1 }, inputs: ["mid"] },
    { id: "hidden", type: "count", config: { add: 10 }, inputs: ["p"] },
  ] as never);
}


/**
 * A settled engine over `forked()` showing only `shown`, with the probe's counts reset. Its pause is
 * long (1 s), so a loaded machine's slow step cannot end a run of quick steps early.
 */
async function showingOnlyShown(): Promise<Engine> {
  const e = createEngine(forked(), { registry, offScreenQuietMs: QUIET_MS });
  await e.settled();
  e.setFocus(["shown"]);
  probe.reset();
  return e;
}

/** Moves p through `values`; after each step has settled `shown`, waits `pause` ms and checks `hidden` still waits. */
async function stepsLeaveHiddenWaiting(e: Engine, values: number[], pause: number, options: { draft?: boolean } = {}): Promise<void> {
  for (const v of values) {
    e.setParameter("p", v, options);
    await fulfilled(e, "shown");
    await new Promise((r) => setTimeout(r, pause));
    expect(e.run("hidden")!.status).toBe("pending");
  }
}

describe("engine focus", () => {
  it("after engine.setFocus([shown]), a move settles `shown` and its input `mid` while `hidden` still waits", async () => {
    engine = createEngine(forked(), { registry });
    await engine.settled();
    engine.setFocus(["shown"]);
    engine.setParameter("p", 5);
    await fulfilled(engine, "shown");
    expect(engine.run("mid")).toMatchObject({ status: "fulfilled", value: 6 });
    expect(engine.run("shown")).toMatchObject({ status: "fulfilled", value: 7 });
    expect(engine.run("hidden")!.status).toBe("pending");
    await engine.settled();
    expect(engine.run("hidden")).toMatchObject({ status: "fulfilled", value: 15 });
  });

  it("a newer value cancels a waiting off-screen cell before it runs: 3 quick moves compute `hidden` once", async () => {
    engine = await showingOnlyShown();
    await stepsLeaveHiddenWaiting(engine, [2, 3, 4], 0);
    await engine.settled();
    expect(probe.calls.get("shown")).toBe(3);
    expect(probe.calls.get("hidden")).toBe(1);
    expect(engine.run("hidden")).toMatchObject({ status: "fulfilled", value: 14 });
  });

  it("during a drag an off-screen cell waits for its end, then computes once from the final value", async () => {
    engine = await showingOnlyShown();
    // Each pause is well past the paint (and its 100 ms fallback) that would release an off-screen cell.
    await stepsLeaveHiddenWaiting(engine, [2, 3, 4], 150, { draft: true });
    expect(probe.calls.get("hidden") ?? 0).toBe(0);
    engine.endDraft();
    await engine.settled();
    expect(probe.calls.get("hidden")).toBe(1);
    expect(engine.run("hidden")).toMatchObject({ status: "fulfilled", value: 14 });
    expect(probe.calls.get("shown")).toBe(4); // three drag steps and the exact run that ends the drag
  });

  it("steps in quick succession (arrow keys) leave an off-screen cell waiting until the user pauses", async () => {
    engine = await showingOnlyShown();
    // Each pause is past the paint (and its 100 ms fallback), within the pause the off-screen cell waits for.
    await stepsLeaveHiddenWaiting(engine, [2, 3, 4], 120);
    await engine.settled();
    expect(probe.calls.get("hidden")).toBe(1);
    expect(engine.run("hidden")).toMatchObject({ status: "fulfilled", value: 14 });
  });

  it("a waiting off-screen cell starts at once when its sheet is shown", async () => {
    engine = await showingOnlyShown();
    await stepsLeaveHiddenWaiting(engine, [6], 120);
    // The user keeps editing (another cell, more often than the pause), so no pause can start it.
    const busy = setInterval(() => engine!.setConfig("mid", { add: 1 }), QUIET_MS / 4);
    try {
      engine.setFocus(["hidden"]);
      await fulfilled(engine, "hidden");
    } finally {
      clearInterval(busy);
    }
    expect(engine.run("hidden")).toMatchObject({ status: "fulfilled", value: 16 });
  });

  it("engine.setFocus(null) computes every cell at once again", async () => {
    engine = createEngine(forked(), { registry });
    await engine.settled();
    engine.setFocus(["shown"]);
    engine.setFocus(null);
    engine.setParameter("p", 3);
    await fulfilled(engine, "shown");
    expect(engine.run("hidden")).toMatchObject({ status: "fulfilled", value: 13 });
  });

  it("rewiring a focused cell moves the focus to its new inputs", async () => {
    engine = createEngine(forked(), { registry });
    await engine.settled();
    engine.setFocus(["shown"]);
    engine.setInputs("shown", ["hidden"]);
    engine.setParameter("p", 2);
    await fulfilled(engine, "shown");
    expect(engine.run("hidden")).toMatchObject({ status: "fulfilled", value: 12 });
    expect(engine.run("shown")).toMatchObject({ status: "fulfilled", value: 13 });
    expect(engine.run("mid")!.status).toBe("pending");
  });
});

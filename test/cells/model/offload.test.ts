import { afterAll, describe, expect, it } from "vitest";
import { disposeSharedPools, sharedPool } from "../../../src/engine/workers/pool";
import { fitModelValue } from "../../../src/cells/model";
import { fromWire } from "../../../src/cells/model/offload";
import { decodeStrings, isCoded, modelTasks, packColumn, type CodedColumn, type WireModelValue } from "../../../src/cells/model/tasks";
import { runTask } from "../../../src/engine/workers/serve";
import type { ReplyMessage } from "../../../src/engine/workers/protocol";
import { modelSchema } from "../../../src/cells/model/config";
import { modelWorkerScript } from "../../../src/cells/model/script";
import { simulateGroupedData } from "../../../src/stats/simulate";

afterAll(() => disposeSharedPools());

const config = modelSchema.parse({ method: "compare", formula: "y ~ x + (x | group)" }, "", [])!;
const resolved = { method: "compare" as const, formula: config.formula, family: "gaussian" as const, REML: true, nAGQ: 1, level: 0.95 };

describe("packColumn / decodeStrings", () => {
  it("packColumn keeps numbers, missing values and text through the worker boundary", () => {
    expect(Array.from(packColumn([1, null, 3]) as Float64Array)).toEqual([1, NaN, 3]);
    const coded = packColumn(["b", null, "a", "b"]);
    expect(isCoded(coded)).toBe(true);
    expect(decodeStrings(coded as CodedColumn)).toEqual(["b", null, "a", "b"]);
    expect(packColumn([true, false])).toMatchObject({ levels: ["true", "false"] });
  });
});

describe("model fits in a worker", () => {
  it("fitModelValue in a Node worker thread gives the same value as in this thread", async () => {
    const sim = simulateGroupedData({ seed: 11, groups: 12, groupSize: 15 });
    const columns = { group: Array.from(sim.columns.group), x: sim.columns.x, y: sim.columns.y };
    const here = fitModelValue(config, resolved, columns);
    const pool = await sharedPool(modelWorkerScript, { mode: "node", workers: 1 });
    const [wire] = (await pool.run([{ name: "fit", payload: { config, resolved, columns } }])) as WireModelValue[];
    const there = fromWire(wire!);
    expect(there.fixef).toEqual(here.fixef);
    expect(there.mixed!.fitted).toEqual(here.mixed!.fitted);
    expect(there.predictions.objects()).toEqual(here.predictions.objects());
    expect(there.coefs).toEqual(here.coefs);
    expect(there.mixed!.theta).toEqual(here.mixed!.theta);
  });

  it("the fit task moves its per-observation arrays to the page instead of copying them", async () => {
    const sim = simulateGroupedData({ seed: 13, groups: 8, groupSize: 10 });
    const columns = { group: packColumn(sim.columns.group), x: sim.columns.x, y: sim.columns.y };
    const posts: { message: ReplyMessage; transfer: ArrayBuffer[] }[] = [];
    await runTask(modelTasks, { type: "task", id: 1, name: "fit", payload: { config, resolved, columns } }, (message, transfer = []) => posts.push({ message, transfer }));
    const { message, transfer } = posts[0]!;
    expect(message.type).toBe("result");
    const wire = (message as { value: WireModelValue }).value;
    expect(transfer).toContain((wire.predictionColumns.fitted as Float64Array).buffer);
    expect(transfer).toContain((wire.mixed!.fitted as unknown as Float64Array).buffer);
    expect(new Set(transfer).size).toBe(transfer.length);
  });

  it("aborting the signal stops a fit in flight", async () => {
    const sim = simulateGroupedData({ seed: 12, groups: 200, groupSize: 150 });
    const columns = { group: Array.from(sim.columns.group), x: sim.columns.x, y: sim.columns.y };
    const pool = await sharedPool(modelWorkerScript, { mode: "node", workers: 1 });
    const controller = new AbortController();
    const run = pool.run([{ name: "fit", payload: { config, resolved, columns } }], { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
  });
});

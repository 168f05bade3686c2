// The worker pool the sweep runs on (src/engine/workers): ordering, errors, concurrency, disposal.
import { afterAll, describe, expect, it } from "vitest";
import { WorkerPool, type WorkerScript } from "../../../src/engine/workers/pool";
import { runTask } from "../../../src/engine/workers/serve";
import type { ReplyMessage } from "../../../src/engine/workers/protocol";
import { sweepWorkerScript } from "../../../src/cells/sweep/script";
import { simulateDefaults } from "../../../src/stats/simulate";

const echo: WorkerScript = {
  name: "echo",
  inline: async () => ({
    double: (n: number, ctx) => {
      ctx.progress(n);
      return 2 * n;
    },
    fail: () => {
      throw new Error("boom");
    },
  }),
};

const nodePool = new WorkerPool(sweepWorkerScript, { mode: "node", maxWorkers: 2 });
afterAll(() => nodePool.dispose());

describe("WorkerPool", () => {
  it("returns results in task order and reports progress (inline)", async () => {
    const pool = new WorkerPool(echo, { mode: "inline" });
    const progress: [number, unknown][] = [];
    const out = await pool.run<number>([1, 2, 3].map((n) => ({ name: "double", payload: n })), { onProgress: (i, d) => progress.push([i, d]) });
    expect(out).toEqual([2, 4, 6]);
    expect(progress).toEqual([[0, 1], [1, 2], [2, 3]]);
    await expect(pool.run([{ name: "fail", payload: null }])).rejects.toThrow("boom");
    await expect(pool.run([{ name: "nope", payload: null }])).rejects.toThrow(/no task handler "nope"/);
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(pool.run([{ name: "double", payload: 1 }], { signal: controller.signal })).rejects.toThrow("stop");
  });

  it("answers a task message with progress, result or error (the worker side)", async () => {
    const handlers = await echo.inline!();
    const replies: ReplyMessage[] = [];
    await runTask(handlers, { type: "task", id: 7, name: "double", payload: 5 }, (m) => replies.push(m));
    await runTask(handlers, { type: "task", id: 8, name: "fail", payload: 5 }, (m) => replies.push(m));
    expect(replies).toEqual([
      { type: "progress", id: 7, data: 5 },
      { type: "result", id: 7, value: 10 },
      { type: "error", id: 8, message: "boom" },
    ]);
  });

  it("runs tasks on Node worker threads, rejects a run whose handler throws, and keeps idle workers", async () => {
    await expect(nodePool.run([{ name: "sweep.chunk", payload: null }])).rejects.toThrow(/Cannot read properties of null/);
    await expect(nodePool.run([{ name: "nothing", payload: {} }])).rejects.toThrow(/no task handler "nothing" in this worker \(has sweep\.chunk, sweep\.round\)/);
    const stats = nodePool.stats();
    expect(stats.mode).toBe("node");
    expect(stats.live).toBeGreaterThan(0);
    expect(stats.busy).toBe(0);
    expect(stats.terminated).toBe(0);
  });

  it("rejects pending runs when disposed", async () => {
    const pool = new WorkerPool(sweepWorkerScript, { mode: "node", maxWorkers: 1 });
    const pending = pool.run([{ name: "sweep.chunk", payload: null }]);
    pool.dispose();
    await expect(pending).rejects.toThrow(/disposed/);
    expect(pool.stats().live).toBe(0);
    await expect(pool.run([{ name: "x", payload: 1 }])).rejects.toThrow(/disposed/);
  });

  it("drain settles a run with what has finished, drops the queue and keeps the busy workers", async () => {
    const pool = new WorkerPool(sweepWorkerScript, { mode: "node", maxWorkers: 2 });
    try {
      const drain = new AbortController();
      const payload = { point: 0, seed: 1, from: 0, to: 1, options: { ...simulateDefaults, groups: 30, groupSize: 20 }, model: { method: "lmer", formula: "y ~ x + (x | group)", family: "gaussian", REML: true }, terms: null };
      const tasks = Array.from({ length: 40 }, (_, i) => ({ name: "sweep.chunk", payload: { ...payload, from: i, to: i + 1 } }));
      let results = 0;
      const out = await pool.run(tasks, {
        concurrency: 2,
        drain: drain.signal,
        onResult: () => {
          if (++results === 3) drain.abort();
        },
      });
      expect(out.length).toBe(40);
      const finished = out.filter((v) => v !== undefined).length;
      expect(finished).toBe(3);
      expect(pool.stats().terminated).toBe(0);
      // The task left in flight finishes in its worker, which then goes idle for the next run.
      await expect.poll(() => pool.stats().busy).toBe(0);
      expect(pool.stats().live).toBe(2);
      const next = await pool.run(tasks.slice(0, 2), { concurrency: 2 });
      expect(next.every((v) => v !== undefined)).toBe(true);
      expect(pool.stats().spawned).toBe(2);
      // Inline runs drain between tasks.
      const inline = new WorkerPool(echo, { mode: "inline" });
      const stop = new AbortController();
      const partial = await inline.run<number>([1, 2, 3].map((n) => ({ name: "double", payload: n })), { drain: stop.signal, onResult: () => stop.abort() });
      expect(partial).toEqual([2, undefined, undefined]);
    } finally {
      pool.dispose();
    }
  });
});

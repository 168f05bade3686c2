// The sweep on Node worker threads (as `workbench run` runs it): the same seed gives the same tables
// whatever the number of workers, cancelling terminates the workers at once, and a draft (a slider
// drag) stops after its time budget with the full run's first replicates, keeping its workers.
import { afterAll, describe, expect, it } from "vitest";
import { WorkerPool } from "../../../src/engine/workers/pool";
import { planSweep } from "../../../src/cells/sweep/plan";
import { DRAFT_MIN_REPLICATES, DRAFT_SHARE_OF_EXACT, INLINE_DRAFT_MS, draftHints, expectedDraftReplicateMs, runSweep } from "../../../src/cells/sweep/run";
import { cancelSweep, subscribeSweepProgress } from "../../../src/cells/sweep/progress";
import { sweepWorkerScript } from "../../../src/cells/sweep/script";
import { interceptDesign, sweepInputs } from "./helpers";

const pools: WorkerPool[] = [];
const nodePool = (maxWorkers: number) => {
  const pool = new WorkerPool(sweepWorkerScript, { mode: "node", maxWorkers });
  pools.push(pool);
  return pool;
};
afterAll(() => pools.forEach((p) => p.dispose()));

const config = { vary: [{ option: "groups", values: [4, 8] }], replicates: 6, seed: 5, alpha: 0.05 };
const plan = () => planSweep(config, sweepInputs({ ...interceptDesign, groupSize: 6 }, "y ~ x + (1 | group)"));

describe("sweep on worker threads", () => {
  it("gives identical tables with 1 and with 2 workers, and inline", async () => {
    const one = await runSweep(plan(), { cellId: "w1", pool: nodePool(1), workers: 1, chunkSize: 2 });
    const two = await runSweep(plan(), { cellId: "w2", pool: nodePool(2), workers: 2, chunkSize: 1 });
    const inline = await runSweep(plan(), { cellId: "w0", pool: new WorkerPool(sweepWorkerScript, { mode: "inline" }), workers: 1 });
    expect(one.mode).toBe("node");
    expect(one.workers).toBe(1);
    expect(two.workers).toBe(2);
    expect(one.done).toBe(12);
    // No `terms` in the config: every term the fit reports.
    expect(one.terms).toEqual(["(Intercept)", "x", "sd__(Intercept)", "sd__Observation"]);
    expect(one.replicates.length).toBe(12 * 4);
    expect(two.replicates).toEqual(one.replicates);
    expect(two.summary).toEqual(one.summary);
    expect(inline.replicates).toEqual(one.replicates);
    expect(pools[1]!.stats().spawned).toBe(2);
  });

  it("stops the workers when the engine's signal aborts and their tasks are long", async () => {
    const pool = nodePool(2);
    const controller = new AbortController();
    const big = planSweep({ ...config, replicates: 2000 }, sweepInputs(interceptDesign));
    let firstDone = 0;
    const unsubscribe = subscribeSweepProgress((p) => {
      if (p.state === "running" && p.done > 0 && !controller.signal.aborted) {
        firstDone = p.done;
        controller.abort(new Error("superseded"));
      }
    }, "abort-me");
    const started = performance.now();
    await expect(runSweep(big, { cellId: "abort-me", pool, signal: controller.signal, workers: 2, supersededDrainMs: 0 })).rejects.toThrow(/superseded/);
    unsubscribe();
    expect(firstDone).toBeGreaterThan(0);
    expect(pool.stats().live).toBe(0);
    expect(pool.stats().terminated).toBe(2);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it("leaves short tasks to finish when the engine's signal aborts, keeping the workers", async () => {
    const pool = nodePool(2);
    const controller = new AbortController();
    const big = planSweep({ ...config, replicates: 2000 }, sweepInputs(interceptDesign));
    const states: string[] = [];
    const unsubscribe = subscribeSweepProgress((p) => {
      states.push(p.state);
      if (p.state === "running" && p.done > 0 && !controller.signal.aborted) controller.abort(new Error("superseded"));
    }, "drain-me");
    await expect(runSweep(big, { cellId: "drain-me", pool, signal: controller.signal, workers: 2, supersededDrainMs: Infinity })).rejects.toThrow(/superseded/);
    unsubscribe();
    expect(states.at(-1)).toBe("aborted");
    expect(pool.stats().terminated).toBe(0);
    await expect.poll(() => pool.stats().busy, { timeout: 30_000 }).toBe(0);
    expect(pool.stats().live).toBe(2);
  });

  it("the cancel button stops the workers and keeps the replicates finished", async () => {
    const pool = nodePool(2);
    const big = planSweep({ ...config, replicates: 2000 }, sweepInputs(interceptDesign));
    const unsubscribe = subscribeSweepProgress((p) => {
      if (p.state === "running" && p.done >= 3) cancelSweep("cancel-me");
    }, "cancel-me");
    const value = await runSweep(big, { cellId: "cancel-me", pool, workers: 2 });
    unsubscribe();
    expect(value.status).toBe("cancelled");
    expect(value.done).toBeGreaterThanOrEqual(3);
    expect(value.done).toBeLessThan(value.total);
    expect(value.summary.every((r) => (r.n as number) <= value.done)).toBe(true);
    expect(value.messages.join(" ")).toMatch(/cancelled after/);
    expect(pool.stats().live).toBe(0);
    expect(cancelSweep("cancel-me")).toBe(false);
  });

  it("a draft stops after its budget with the full run's first replicates and keeps its workers", async () => {
    const pool = nodePool(2);
    const draftPlan = planSweep({ ...config, replicates: 400 }, sweepInputs(interceptDesign));
    const reports: string[] = [];
    const unsubscribe = subscribeSweepProgress((p) => reports.push(`${p.state}${p.partial ? ` ${p.partial.length} rows` : ""}`), "draft");
    const draft = await runSweep(draftPlan, { cellId: "draft", pool, workers: 2, budgetMs: 0 });
    unsubscribe();
    expect(draft.status).toBe("draft");
    // A draft is over within a drag step: no "running" report (progress bar, Cancel), nor a final one;
    // its value is its report.
    expect(reports).toEqual([]);
    // One wave, a round per worker: every point has its two replicates and no round is left running.
    expect(draft.done).toBe(draftPlan.points.length * DRAFT_MIN_REPLICATES);
    expect(pool.stats().busy).toBe(0);
    expect(draft.done).toBeLessThan(draft.total);
    expect(draft.messages.join(" ")).toMatch(/draft while the slider moves/);
    // Every grid point has its minimum, however short the budget.
    for (const point of [4, 8]) {
      const fits = draft.summary.filter((r) => r.groups === point && r.term === "x").map((r) => r.n as number);
      expect(fits[0]).toBeGreaterThanOrEqual(DRAFT_MIN_REPLICATES);
    }
    expect(pool.stats().terminated).toBe(0);
    // The replicates a draft found are the full run's, seed for seed.
    const full = await runSweep(planSweep({ ...config, replicates: 400 }, sweepInputs(interceptDesign)), { cellId: "full", pool, workers: 2 });
    expect(full.status).toBe("complete");
    const key = (r: Record<string, unknown>) => `${r.groups}/${r.replicate}/${r.term}`;
    const fullRows = new Map(full.replicates.map((r) => [key(r), r]));
    expect(draft.replicates.length).toBeGreaterThan(0);
    // Draft fits stop at the sweep draft's tolerances: the same replicates (seeds), estimates within
    // 0.01 and SEs within 4% (SWEEP_DRAFT_LMM), and not all of them the exact fit's to 1e-6.
    let differs = 0;
    for (const row of draft.replicates) {
      const exact = fullRows.get(key(row))!;
      expect([row.seed, row.ok, row.truth]).toEqual([exact.seed, exact.ok, exact.truth]);
      expect(Math.abs((row.estimate as number) - (exact.estimate as number))).toBeLessThanOrEqual(0.01);
      if (Math.abs((row.estimate as number) - (exact.estimate as number)) > 1e-6) differs++;
      if (exact.se === null) expect(row.se).toBeNull();
      else expect(Math.abs((row.se as number) / (exact.se as number) - 1)).toBeLessThanOrEqual(0.04);
    }
    expect(differs).toBeGreaterThan(0);
    expect(pool.stats().terminated).toBe(0);
    // Every lmer replicate's θ̂ is kept, and the next draft starts each replicate from it: the same
    // estimates (to the draft tolerance) from a start at the optimum.
    const hints = draftHints(full);
    const thetas = hints.starts;
    expect(thetas.size).toBe(full.done);
    for (const theta of thetas.values()) expect(theta.length).toBe(1);
    const warm = await runSweep(planSweep({ ...config, replicates: 400 }, sweepInputs(interceptDesign)), { cellId: "warm", pool, workers: 2, budgetMs: 0, starts: thetas });
    expect(warm.status).toBe("draft");
    for (const row of warm.replicates) {
      const exact = fullRows.get(key(row))!;
      expect(Math.abs((row.estimate as number) - (exact.estimate as number))).toBeLessThanOrEqual(0.01);
    }
    // A start that does not fit the model (another length of θ) is ignored, not an error.
    const wrong = new Map([...thetas].map(([k]) => [k, [1, 0, 1]]));
    const ignored = await runSweep(planSweep({ ...config, replicates: 400 }, sweepInputs(interceptDesign)), { cellId: "wrong", pool, workers: 2, budgetMs: 0, starts: wrong });
    expect(ignored.failures).toBe(0);
    expect(ignored.replicates.map((r) => r.estimate)).toEqual(draft.replicates.map((r) => r.estimate));
    // A budget the run fits in gives every replicate, still a draft (its fits stopped at the draft tolerances).
    const roomy = await runSweep(plan(), { cellId: "roomy", pool, workers: 2, budgetMs: 60_000 });
    expect(roomy.status).toBe("draft");
    expect(roomy.done).toBe(roomy.total);

    // The last run's mean replicate time comes with its θ̂s. At a rate that puts the next draft's
    // minimum within INLINE_DRAFT_MS, the draft runs on this thread, with no worker: the same
    // replicates and, from the same starts, the same estimates as in the workers.
    expect(hints.replicateMs).toBeGreaterThan(0);
    const quick = INLINE_DRAFT_MS / (DRAFT_MIN_REPLICATES * draftPlan.points.length);
    const fresh = nodePool(2);
    const here = await runSweep(planSweep({ ...config, replicates: 400 }, sweepInputs(interceptDesign)), { cellId: "here", pool: fresh, workers: 2, budgetMs: 0, starts: thetas, replicateMs: quick });
    expect([here.status, here.mode, here.workers]).toEqual(["draft", "inline", 1]);
    expect(fresh.stats().spawned).toBe(0);
    expect(here.done).toBe(draftPlan.points.length * DRAFT_MIN_REPLICATES);
    expect(here.replicates).toEqual(warm.replicates);
    // Fits as slow as glmer's would hold the page: such a draft goes to the workers.
    const slow = await runSweep(planSweep({ ...config, replicates: 400 }, sweepInputs(interceptDesign)), { cellId: "slow", pool: fresh, workers: 2, budgetMs: 0, starts: thetas, replicateMs: quick * 1.01 });
    expect([slow.mode, slow.workers]).toEqual(["node", 2]);
    expect(fresh.stats().spawned).toBe(2);
    expect(slow.replicates).toEqual(warm.replicates);
  });

  it("expects a draft lmer replicate after a full run to take DRAFT_SHARE_OF_EXACT of the full run's mean, and a glmer one all of it", () => {
    const lmer = planSweep(config, sweepInputs(interceptDesign));
    expect(DRAFT_SHARE_OF_EXACT).toBeLessThan(1);
    expect(expectedDraftReplicateMs(2, false, lmer)).toBeCloseTo(2 * DRAFT_SHARE_OF_EXACT, 12);
    // After a draft its own mean; nothing fitted, no estimate.
    expect(expectedDraftReplicateMs(2, true, lmer)).toBe(2);
    expect(expectedDraftReplicateMs(null, false, lmer)).toBeNull();
    // glmer and lm drafts fit exactly: the full run's rate is theirs.
    const glmer = planSweep(config, [sweepInputs(interceptDesign)[0]!, { id: "fit", type: "model", value: { method: "glmer", formula: "y ~ x + (1 | group)", family: "binomial", REML: false } }]);
    expect(expectedDraftReplicateMs(2, false, glmer)).toBe(2);
    const lm = planSweep(config, sweepInputs(interceptDesign, "y ~ x", "lm"));
    expect(expectedDraftReplicateMs(2, false, lm)).toBe(2);
  });
});

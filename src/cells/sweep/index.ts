// The sweep cell: a power or sensitivity study as a cell. It reruns the workbench's generator → model
// pipeline over a grid of parameter values with many replicates, in workers, and summarises what the
// fits found against the truth: mean estimate, bias, empirical SD, mean SE, Wald coverage, rejection
// rate, singular and non-convergence rates, each with its Monte Carlo SE.
//
// Inputs: the generator cell and the model cell, read through their `resolve` (the simulation options
// after bound inputs; the model's method, formula, family and REML), optionally followed by the
// parameter cells it varies (for the graph; their values are not read). Config: see ./config.ts.
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { defineCellType, type Json } from "../registry";
import { checkSweep, sweepDefaults, sweepSchema, type SweepConfig } from "./config";
import { planKey, rememberPlan, reusableResult } from "./last-result";
import { planSweep } from "./plan";
import { draftHints, runSweep, type SweepValue } from "./run";
import "./presets";

export type { SweepConfig, VaryConfig } from "./config";
export type { SweepValue } from "./run";
export { planSweep } from "./plan";
export { runSweep } from "./run";
export { cancelSweep, formatSweepProgress, printSweepProgress, subscribeSweepProgress, sweepProgress, type SweepProgress } from "./progress";

/**
 * A drag step's time for the sweep's fits: a slider move must settle within a frame (16 ms), and the
 * rest of the step needs the rest: in the power template the engine and the cards about 3 ms, the
 * summary 1 ms and redrawing its two charts about 5 ms (Chromium traces of bench:ui, this machine),
 * and the browser composites the frame on the same two cores. Every grid point gets its minimum of
 * replicates however long they take; this only limits further rounds. The release runs every replicate.
 */
export const DRAFT_SWEEP_MS = 4;

const round = (x: unknown, digits = 4): Json => (typeof x === "number" && Number.isFinite(x) ? Number(x.toPrecision(digits)) : x === null || x === undefined ? null : (x as Json));

export const sweep = defineCellType<SweepConfig, SweepValue>({
  name: "sweep",
  title: "Sweep",
  description: "Reruns a generator → model pipeline over a grid of parameter values with many replicates (in workers) and summarises power, bias, coverage and singular fits.",
  config: sweepSchema,
  defaults: sweepDefaults,
  inputs: { min: 2, max: 10 },
  // The plan needs the generator's options and the model's formula, not the example data or its fit:
  // a drag step's sweep starts at once, and an example fit on another sheet waits for the pause.
  readsResolved: ["generator", "model"],
  check: checkSweep,
  async compute(config, inputs, context) {
    const plan = planSweep(config, inputs);
    const key = planKey(config, plan);
    const reused = reusableResult(context.previous, key);
    if (reused) return reused;
    const value = await runSweep(plan, {
      cellId: context.cellId,
      signal: context.signal,
      workers: config.workers ?? 0,
      // A drag step's draft starts each replicate's lmer from that replicate's last θ̂, and runs on
      // the page when the last run's fits say its minimum is quick.
      ...(context.draft ? { budgetMs: DRAFT_SWEEP_MS, ...draftHints(context.previous) } : {}),
    });
    rememberPlan(value, key);
    return value;
  },
  summary(value): Json {
    return {
      status: value.status,
      points: value.points,
      replicates: value.replicatesPerPoint,
      fits: value.done,
      failures: value.failures,
      alpha: value.alpha,
      seed: value.seed,
      terms: value.terms,
      results: value.summary.map((r) => {
        const out: Record<string, Json> = {};
        for (const name of value.vary) out[name] = r[name] as Json;
        out.term = r.term as Json;
        out.mean = round(r.mean_estimate);
        out.bias = round(r.bias);
        out.emp_sd = round(r.emp_sd);
        out.mean_se = round(r.mean_se);
        out.coverage = round(r.coverage);
        out.rejection = round(r.rejection);
        out.singular = round(r.singular_rate);
        return out;
      }),
      messages: value.messages,
    };
  },
  tables(value): Record<string, ColumnTable> {
    const out: Record<string, ColumnTable> = {};
    if (value.summary.length) out.main = aq.from(value.summary);
    if (value.replicates.length) out.replicates = aq.from(value.replicates);
    if (value.grid.length) out.grid = aq.from(value.grid);
    return out;
  },
});
